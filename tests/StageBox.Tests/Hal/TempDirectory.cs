namespace StageBox.Tests.Hal;

/// <summary>A fresh directory under the system temp path, removed with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stagebox-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Removes the directory; with rm when it holds a name .NET cannot spell (bytes that are not UTF-8, from a hostile-stick test).</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            using var remove = System.Diagnostics.Process.Start("rm", ["-rf", Path]);
            remove.WaitForExit();
        }
    }
}
