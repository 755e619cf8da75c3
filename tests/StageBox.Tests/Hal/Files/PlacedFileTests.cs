using System.Text;
using StageBox.Hal.Files;

namespace StageBox.Tests.Hal.Files;

/// <summary>A file placed in a folder someone else controls (a stick, a technician's folder) is never written through a link.</summary>
public sealed class PlacedFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _victim;

    public PlacedFileTests()
    {
        _victim = _folder.File("victim");
        File.WriteAllText(_victim, "precious");
        Directory.CreateDirectory(_folder.File("place"));
    }

    public void Dispose() => _folder.Dispose();

    private string Place => _folder.File("place");

    [Fact]
    public void A_link_where_the_temporary_file_goes_is_removed_not_written_through()
    {
        File.CreateSymbolicLink(Path.Join(Place, ".song.yaml.stagebox-new"), _victim);

        PlacedFile.CreateNew(Place, "song.yaml", "title: x\n"u8);

        Assert.Equal("precious", File.ReadAllText(_victim));
        Assert.Equal("title: x\n", File.ReadAllText(Path.Join(Place, "song.yaml")));
        Assert.Equal(["song.yaml"], Directory.GetFileSystemEntries(Place).Select(Path.GetFileName));
    }

    [Fact]
    public void A_link_at_the_name_itself_is_replaced_by_the_file_not_followed()
    {
        File.CreateSymbolicLink(Path.Join(Place, "CURRENT"), _victim);

        PlacedFile.Replace(Place, "CURRENT", "new"u8);

        Assert.Equal("precious", File.ReadAllText(_victim));
        Assert.Null(new FileInfo(Path.Join(Place, "CURRENT")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(Path.Join(Place, "CURRENT")));
    }

    [Fact]
    public void A_new_file_never_replaces_anything_even_a_link()
    {
        File.CreateSymbolicLink(Path.Join(Place, "song.yaml"), _victim);

        var refused = Assert.Throws<IOException>(() => PlacedFile.CreateNew(Place, "song.yaml", "title: x\n"u8));

        Assert.Contains("exists already", refused.Message);
        Assert.Equal("precious", File.ReadAllText(_victim));
        Assert.Equal(["song.yaml"], Directory.GetFileSystemEntries(Place).Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_that_is_a_link_is_refused()
    {
        Directory.CreateSymbolicLink(_folder.File("elsewhere"), Place);

        Assert.Throws<IOException>(() => PlacedFile.Replace(_folder.File("elsewhere"), "report.txt", Encoding.UTF8.GetBytes("x")));

        Assert.False(File.Exists(Path.Join(Place, "report.txt")));
    }
}
