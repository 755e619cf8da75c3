using System.Collections;
using System.Reflection;
using StageBox.App.Configuration;
using YamlDotNet.Serialization.NamingConventions;

namespace StageBox.Tests.App;

/// <summary>
/// deploy/etc/stagebox.yaml, the file the image installs as /etc/stagebox/stagebox.yaml: it loads
/// with the firmware's own loader, names every field of every section, and the values it writes
/// are the firmware's defaults (so the file documents what the box does without it).
/// </summary>
public class DeployedConfigurationTests
{
    private static string DeployedFile
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "deploy", "etc", "stagebox.yaml");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("deploy/etc/stagebox.yaml not found above " + AppContext.BaseDirectory);
        }
    }

    private static IEnumerable<PropertyInfo> Fields(Type section) =>
        section.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    private static string Name(PropertyInfo property) => UnderscoredNamingConvention.Instance.Apply(property.Name);

    [Fact]
    public void The_default_file_loads_with_the_firmwares_loader()
    {
        BoxConfiguration configuration = ConfigurationLoader.Load(DeployedFile);
        Assert.Equal("default", configuration.Audio.Device);
        Assert.Equal("/var/lib/stagebox/library", configuration.Show.Library);
    }

    [Fact]
    public void The_default_file_writes_the_firmwares_defaults()
    {
        BoxConfiguration loaded = ConfigurationLoader.Load(DeployedFile), defaults = new();
        foreach (PropertyInfo section in Fields(typeof(BoxConfiguration)))
        {
            object fromFile = section.GetValue(loaded)!, byDefault = section.GetValue(defaults)!;
            foreach (PropertyInfo field in Fields(section.PropertyType))
            {
                object? value = field.GetValue(fromFile), expected = field.GetValue(byDefault);
                if (value is IDictionary dictionary) Assert.True(dictionary.Count == ((IDictionary)expected!).Count, $"{Name(section)}.{Name(field)}");
                else Assert.True(Equals(expected, value), $"{Name(section)}.{Name(field)}: the file says {value}, the firmware's default is {expected}");
            }
        }
    }

    [Fact]
    public void Every_field_of_every_section_is_written_and_documented()
    {
        string[] lines = File.ReadAllLines(DeployedFile);
        foreach (PropertyInfo section in Fields(typeof(BoxConfiguration)))
        {
            int start = Array.IndexOf(lines, Name(section) + ":");
            Assert.True(start >= 0, $"no section '{Name(section)}:'");
            string[] body = lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || l.StartsWith(' ')).ToArray();
            foreach (PropertyInfo field in Fields(section.PropertyType))
            {
                int at = Array.FindIndex(body, l => l.StartsWith($"  {Name(field)}:"));
                Assert.True(at >= 0, $"{Name(section)}.{Name(field)} is not in the file");
                // A comment says what the field is, above it or above the group it belongs to.
                Assert.True(body.Take(at).Any(l => l.TrimStart().StartsWith('#')), $"{Name(section)}.{Name(field)} has no comment above it");
            }
        }
    }
}
