namespace StageBox;

/// <summary>
/// An error written for the musician, engineer or technician who meets it: its message says what
/// and where (the device, the file and line, the setting) and how to put it right, so the command
/// line prints it as it is, without a stack trace. Each layer's own errors derive from it.
/// </summary>
public abstract class UserFacingException(string message) : Exception(message);
