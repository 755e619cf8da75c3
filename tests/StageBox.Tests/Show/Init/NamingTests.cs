using StageBox.Show.Init;

namespace StageBox.Tests.Show.Init;

/// <summary>What init reads from names: tempos, titles, and the order of numbered tracks.</summary>
public sealed class NamingTests
{
    [Theory]
    [InlineData("Midnight Drive 120bpm", 120.0)]
    [InlineData("Midnight Drive 120 BPM", 120.0)]
    [InlineData("Click_92.5_BPM.wav", 92.5)]
    [InlineData("Slow One (68bpm)", 68.0)]
    [InlineData("bpm-128 Outro", 128.0)]
    [InlineData("BPM140.wav", 140.0)]
    [InlineData("Song 92,5bpm", 92.5)]
    [InlineData("Midnight Drive", null)]
    [InlineData("1120bpm", null)]
    [InlineData("v2.120bpm", null)]
    [InlineData("Track 120", null)]
    [InlineData("12bpm", null)]
    [InlineData("120bpms", null)]
    [InlineData("Song \u0661\u0662\u0660bpm", null)]
    public void A_tempo_is_read_from_a_name_only_where_it_is_written_as_one(string name, double? tempo) =>
        Assert.Equal(tempo, TempoInName.Find(name));

    [Theory]
    [InlineData("midnight_drive", "midnight drive")]
    [InlineData("Midnight-Drive", "Midnight Drive")]
    [InlineData("Midnight Drive 128bpm", "Midnight Drive")]
    [InlineData("Slow_One_(68_BPM)", "Slow One")]
    [InlineData("01 - Opener", "01 Opener")]
    [InlineData("AC-DC  Cover", "AC DC Cover")]
    [InlineData("120bpm", "120bpm")]
    public void A_title_is_the_folder_name_tidied_with_the_users_capitalisation(string folder, string title) =>
        Assert.Equal(title, SongTitle.FromFolderName(folder));

    [Fact]
    public void Numbered_names_sort_by_number_and_letters_without_case()
    {
        string[] names = ["10 Pads.wav", "2 Bass.wav", "01 drums.wav", "1 Drums.wav", "b.wav", "A.wav", "track100", "track99", "track0099x"];

        Assert.Equal(["01 drums.wav", "1 Drums.wav", "2 Bass.wav", "10 Pads.wav", "A.wav", "b.wav", "track99", "track0099x", "track100"],
            names.Order(NaturalOrder.Instance));
    }
}
