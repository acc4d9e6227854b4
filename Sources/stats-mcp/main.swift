// wired later
