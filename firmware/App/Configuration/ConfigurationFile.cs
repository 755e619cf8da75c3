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

/// <summary>One stagebox.yaml parsed: its YAML tree, for <see cref="ConfigurationBinder"/> to read over the files before it.</summary>
internal sealed class ConfigurationFile
{
    private ConfigurationFile(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }
    public YamlMappingNode Root { get; }

    /// <exception cref="ConfigurationException">"path:line:column: error: ..." when the file is not YAML, or not a file of sections.</exception>
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
        return new ConfigurationFile(path, root);
    }
}
