extension ChartsApp {
    static let html = #"""
<!doctype html><html><body>placeholder</body></html>
"""#
}
