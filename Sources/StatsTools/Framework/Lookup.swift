import StatsCore
import StatsJSON
import StatsStore

extension ToolContext {
    /// A campaign of the session workspace by UUID or cp_ id; anything else is `not_found`, worded
    /// the same whether the id exists in another workspace or nowhere.
    func campaign(_ reference: String, field: String) throws(ToolError) -> Campaign {
        let found: Campaign?
        if let uuid = UUID128(reference), Identifiers.isUUID(reference) {
            found = data.campaign(id: uuid)
        } else {
            found = data.campaign(publicID: reference)
        }
        guard let campaign = found, campaign.workspaceID == workspaceID else {
            var error = Messages.notFound("campaign", reference)
            error.field = field
            throw error
        }
        return campaign
    }

    /// A user linked to the session workspace by usr_ id.
    func linkedUser(publicID: String, field: String) throws(ToolError) -> User {
        guard let user = data.user(publicID: publicID), user.workspaceIDs.contains(workspaceID) else {
            var error = Messages.notFound("user", publicID)
            error.field = field
            throw error
        }
        return user
    }
}
