using StageBox.Media.Fonts;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Media.Fonts;

public sealed class FontFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_core_DejaVu_faces_are_found_and_open()
    {
        foreach (string path in new[] { FontFiles.Sans, FontFiles.SansBold, FontFiles.SansMonoBold })
        {
            Assert.StartsWith(FontFiles.DejaVuDirectory + "/", path);
            using Font font = Font.Open(path, 24);
            Assert.True(font.GetGlyph('0').Height > 0, $"{path} drew no '0'");
        }
    }

    [Fact]
    public void A_missing_font_file_says_which_package_to_install()
    {
        string expected = Path.Combine(_temp.Path, "DejaVuSans.ttf");

        var error = Assert.Throws<FontException>(() => FontFiles.Find(_temp.Path, "DejaVuSans.ttf"));

        Assert.Equal($"font file {expected} not found; install Debian's fonts-dejavu-core", error.Message);
        Assert.Equal(expected, error.Path);
    }

    [Fact]
    public void Condensed_bold_is_optional()
    {
        Assert.Null(FontFiles.FindOptional(_temp.Path, "DejaVuSansCondensed-Bold.ttf"));
        File.WriteAllText(_temp.File("DejaVuSansCondensed-Bold.ttf"), "");
        Assert.Equal(_temp.File("DejaVuSansCondensed-Bold.ttf"), FontFiles.FindOptional(_temp.Path, "DejaVuSansCondensed-Bold.ttf"));
    }
}
