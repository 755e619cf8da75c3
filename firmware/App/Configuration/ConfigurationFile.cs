using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
    private ConfigurationFile(string path, YamlMappingNode root, BoundConfiguration configuration)
    {
        Path = path;
        Root = root;
        Configuration = configuration;
    }

    public string Path { get; }
    public YamlMappingNode Root { get; }
    public BoundConfiguration Configuration { get; }

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
            throw new ConfigurationException($"{path}:{e.Start.Line}:{e.Start.Column}: error: {e.InnerException?.Message ?? e.Message}");
        }
        YamlMappingNode root = stream.Documents.FirstOrDefault()?.RootNode switch
        {
            YamlMappingNode mapping => mapping,
            null or YamlScalarNode { Value: null or "" or "~" or "null" } => new YamlMappingNode(),
            var other => throw new ConfigurationException($"{path}:{other.Start.Line}:{other.Start.Column}: error: the file holds sections (audio:, show:, controls:, display:, redundancy:), not a {other.NodeType.ToString().ToLowerInvariant()}"),
        };
        return new ConfigurationFile(path, root, Deserialize(path, root));
    }

    /// <summary>Types a YAML tree: one file's, or two files merged (whose nodes keep their own files' lines).</summary>
    /// <exception cref="ConfigurationException">"path:line:column: error: ..." for an unknown field or a value of the wrong kind.</exception>
    public static BoundConfiguration Deserialize(string path, YamlMappingNode root)
    {
        try
        {
            return ConfigurationBinder.Bind(root);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{path}:{e.Start.Line}:{e.Start.Column}: error: {e.Message}");
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
