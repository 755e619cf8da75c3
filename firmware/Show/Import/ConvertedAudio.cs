namespace StageBox.Show.Import;

/// <summary>
/// A stem as the library stores it: a 32-bit float WAV at the device rate. The SHA-256 of its
/// sample data is taken as the data is written, so reading the file back proves the disk holds it.
/// </summary>
public sealed record ConvertedAudio(string Path, long Frames, int Channels, int HeaderBytes, string DataSha256);
