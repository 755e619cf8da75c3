namespace StageBox.Show.Init;

/// <summary>Why stagebox init could do nothing with the folder it was given; the message names the path and what to do.</summary>
public sealed class InitException(string message) : UserFacingException(message);
