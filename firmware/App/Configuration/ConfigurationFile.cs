using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace StageBox.App.Configuration;

/// <summary>Where the box looks for its settings when no --config is given (README "Device configuration").</summary>
/// <param name="Defaults">The image's file on the read-only root.</param>
/// <param name="Box">The box's own, on the data partition, field by field over <paramref name="Defaults"/>.</param>
public sealed record ConfigurationFiles(string Defaults, string Box)
{
    public static readonly ConfigurationFiles OnTheBox = new(BoxConfiguration.DefaultPath, BoxConfiguration.BoxPath);
}

/// <summary>One stagebox.yaml read and typed on its own (so its mistakes carry its own lines), with its YAML tree for merging and for placing later problems.</summary>
internal sealed class ConfigurationFile
{
    private ConfigurationFile(string path, YamlMappingNode root, BoxConfiguration configuration)
    {
        Path = path;
        Root = root;
        Configuration = configuration;
    }

    public string Path { get; }
    public YamlMappingNode Root { get; }
    public BoxConfiguration Configuration { get; }

    public static ConfigurationFile Read(string path)
    {
        string text = File.ReadAllText(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{path}:{e.Start.Line}:{e.Start.Column}: error: {ConfigurationLoader.Explain(e)}");
        }
        YamlMappingNode root = stream.Documents.FirstOrDefault()?.RootNode switch
        {
            YamlMappingNode mapping => mapping,
            null or YamlScalarNode { Value: null or "" or "~" or "null" } => new YamlMappingNode(),
            var other => throw new ConfigurationException($"{path}:{other.Start.Line}:{other.Start.Column}: error: the file holds sections (audio:, show:, controls:, display:, redundancy:), not a {other.NodeType.ToString().ToLowerInvariant()}"),
        };
        return new ConfigurationFile(path, root, Deserialize(path, text));
    }

    /// <summary>Types a YAML tree (two files merged) as <see cref="Deserialize(string, string)"/> does a file.</summary>
    public static BoxConfiguration Deserialize(string path, YamlMappingNode root)
    {
        var text = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
        return Deserialize(path, text.ToString());
    }

    /// <exception cref="ConfigurationException">"path:line:column: error: ..." for bad YAML, an unknown field or a value of the wrong kind.</exception>
    public static BoxConfiguration Deserialize(string path, string text)
    {
        try
        {
            return new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .WithEnumNamingConvention(NullNamingConvention.Instance)
                .Build()
                .Deserialize<BoxConfiguration?>(text) ?? new BoxConfiguration();
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{path}:{e.Start.Line}:{e.Start.Column}: error: {ConfigurationLoader.Explain(e)}");
        }
    }

    /// <summary>Where this file sets <paramref name="field"/> ("audio.rate", or a section "redundancy"), or null if it does not.</summary>
    public Mark? Locate(string field)
    {
        YamlMappingNode node = Root;
        YamlNode? key = null;
        foreach (string name in field.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            key = node.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var value } && value == name);
            if (key is null) return null;
            if (node.Children[key] is YamlMappingNode inner) node = inner;
        }
        return key?.Start;
    }
}
