namespace StageBox.Show.Library;

/// <summary>The library cannot do what was asked (no earlier generation, another import running, a damaged pointer); the message says why.</summary>
public sealed class LibraryException(string message) : UserFacingException(message);
