using System.Text;

namespace StageBox.Show.Library;

/// <summary>
/// The content of the library's CURRENT file: the installed generation and the one it replaced
/// (kept for a rollback). One small file replaced by rename, so both change in one atomic step.
/// </summary>
public sealed record GenerationPointer(string Current, string? Previous)
{
    public string Text => $"current {Current}\n" + (Previous is null ? "" : $"previous {Previous}\n");

    public byte[] Bytes => Encoding.UTF8.GetBytes(Text);

    /// <summary>Reads the pointer; null when the library has none yet (nothing installed).</summary>
    public static GenerationPointer? Read(string path)
    {
        if (!File.Exists(path)) return null;
        string? current = null, previous = null;
        foreach (string line in File.ReadAllLines(path))
        {
            string[] parts = line.Split(' ', 2);
            string? name = parts.Length == 2 && LibraryLayout.GenerationNumber(parts[1]) is not null ? parts[1] : null;
            switch (parts[0])
            {
                case "current" when name is not null: current = name; break;
                case "previous" when name is not null: previous = name; break;
                default: throw new LibraryException($"{path}: damaged: the line '{line}' is not 'current gNNNNNN' or 'previous gNNNNNN'");
            }
        }
        return current is null ? throw new LibraryException($"{path}: damaged: it names no current generation") : new GenerationPointer(current, previous);
    }
}
