namespace StageBox.Redundancy.Roles;

/// <summary>A state's finding that this box is to go live: under which term, and why (for the log).</summary>
internal readonly record struct LiveRequest(int Term, string Why);

/// <summary>
/// The peer as the current state sees it, for the report: whether it holds the same show,
/// whether it follows (or leads), this box's offset from the live one, and what to say when the peer does not follow.
/// </summary>
internal readonly record struct PeerView(bool ShowMatches, bool Follows, double OffsetFrames, string NotFollowing);
