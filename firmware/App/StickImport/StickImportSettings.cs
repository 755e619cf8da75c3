using StageBox.Show.Library;
using StageBox.Show.Sticks;

namespace StageBox.App.StickImport;

/// <summary>
/// What the running box needs to import show sticks by itself; it has them only when it plays
/// the library's show (not a --show folder or the demo).
/// </summary>
/// <param name="ConfigPath">The --config the box runs with, handed on to the import (null: the default file, as here).</param>
internal sealed record StickImportSettings(StickDetector Detector, ShowLibrary Library, string? ConfigPath);
