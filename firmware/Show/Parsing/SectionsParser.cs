using StageBox.Show.Model;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>Reads <c>sections</c>: named, each at its own bar, in bar order, inside the song.</summary>
internal sealed class SectionsParser(SongContext song)
{
    private static readonly string[] Fields = ["name", "bar"];

    public IReadOnlyList<SectionDefinition> Parse(YamlNode node)
    {
        YamlSequenceNode? list = song.Values.List(node, "sections", "- { name: Intro, bar: 1 }");
        if (list is null) return [];
        var sections = new List<SectionDefinition>();
        var firstLineOfName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        SectionDefinition? furthest = null;
        foreach (YamlNode item in list.Children)
        {
            MappingFields? fields = MappingFields.Read(item, "section", "{ name: Verse 1, bar: 9 }", song.Values, Fields);
            if (fields is null) continue;
            string? name = fields.ShownText("name", ShownTextLimits.Section, required: true);
            int? bar = fields.WholeNumber("bar", 1, int.MaxValue, required: true);
            if (name is not null && !firstLineOfName.TryAdd(name, song.File.At(fields.Optional("name")!).Line))
                song.File.Error(fields.Optional("name")!, $"section name '{name}' is used twice (first on line {firstLineOfName[name]})", "give each section its own name, e.g. Verse 2");
            if (name is null || bar is null) continue;
            var section = new SectionDefinition(name, bar.Value, song.File.At(item));
            CheckPlace(fields.Optional("bar")!, section, furthest);
            sections.Add(section);
            // Later sections are checked against the furthest one, so one misplaced section does not hide another.
            if (furthest is null || section.Bar > furthest.Bar) furthest = section;
        }
        return sections;
    }

    private void CheckPlace(YamlNode barNode, SectionDefinition section, SectionDefinition? furthest)
    {
        if (section.Bar == furthest?.Bar)
            song.File.Error(barNode, $"sections '{furthest.Name}' and '{section.Name}' both start at bar {section.Bar}", "give each section its own bar");
        else if (section.Bar < furthest?.Bar)
            song.File.Error(barNode, $"section '{section.Name}' at bar {section.Bar} is listed after '{furthest.Name}' at bar {furthest.Bar}", "list sections in bar order");
        song.CheckWithinSong(barNode, section.Bar, $"section '{section.Name}'");
    }
}
