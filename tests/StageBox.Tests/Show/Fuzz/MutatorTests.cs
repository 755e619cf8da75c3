namespace StageBox.Tests.Show.Fuzz;

/// <summary>The mutator is what the fuzz tests stand on: it must be deterministic, and it must really spoil files, in every way it claims.</summary>
public sealed class MutatorTests
{
    private const int Sample = 1_000;

    [Fact]
    public void The_same_seed_gives_the_same_cases()
    {
        for (int index = 0; index < 300; index++)
        {
            FuzzCase first = YamlCases.Make(FuzzSettings.DefaultSeed, index);
            FuzzCase again = YamlCases.Make(FuzzSettings.DefaultSeed, index);
            Assert.Equal(first.Target, again.Target);
            Assert.Equal(first.Steps, again.Steps);
            Assert.Equal(first.Bytes, again.Bytes);
        }
        for (int index = 0; index < 100; index++)
        {
            StickCase first = StickCases.Make(FuzzSettings.DefaultSeed, index);
            StickCase again = StickCases.Make(FuzzSettings.DefaultSeed, index);
            Assert.Equal(first.Steps, again.Steps);
            Assert.Equal(Fingerprint(first.Stick), Fingerprint(again.Stick));
        }
    }

    [Fact]
    public void Another_seed_gives_other_cases()
    {
        string[] ours = Enumerable.Range(0, 50).Select(i => Convert.ToHexString(YamlCases.Make(FuzzSettings.DefaultSeed, i).Bytes)).ToArray();
        string[] theirs = Enumerable.Range(0, 50).Select(i => Convert.ToHexString(YamlCases.Make(FuzzSettings.DefaultSeed + 1, i).Bytes)).ToArray();

        Assert.True(ours.Zip(theirs).Count(p => p.First != p.Second) >= 45, "another seed repeats the cases");
    }

    [Fact]
    public void Every_kind_of_mutation_is_drawn_and_nearly_every_case_differs_from_its_file()
    {
        FuzzCase[] cases = Enumerable.Range(0, Sample).Select(i => YamlCases.Make(FuzzSettings.DefaultSeed, i)).ToArray();

        string[] drawn = cases.SelectMany(c => c.Steps).Select(s => s[..s.IndexOf(':')]).Distinct().ToArray();
        Assert.Empty(YamlMutator.AllKinds.Select(k => k.ToString()).Except(drawn));
        int unchanged = cases.Count(c => c.Bytes.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(FuzzCorpus.Files[c.Target])));
        Assert.True(unchanged < Sample / 20, $"{unchanged} of {Sample} cases left their file as it was");
    }

    [Fact]
    public void Stick_cases_spoil_the_stick()
    {
        string sound = Fingerprint(Stick.Sound.Value);

        int unchanged = Enumerable.Range(0, 200).Count(i => Fingerprint(StickCases.Make(FuzzSettings.DefaultSeed, i).Stick) == sound);

        Assert.True(unchanged < 10, $"{unchanged} of 200 sticks left sound");
    }

    private static string Fingerprint(Stick stick) =>
        string.Join("\n", stick.Files.Select(f => $"{f.Key} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Value))}")
            .Concat(stick.Folders).Concat(stick.Links.Select(l => $"{l.Key} -> {l.Value}")));
}
