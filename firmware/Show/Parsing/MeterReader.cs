using System.Text.RegularExpressions;
using StageBox.Engine.Timeline;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>
/// Reads the <c>meter</c> ("7/8") and <c>groups</c> ([2, 2, 3]) of tempo map entries in order,
/// keeping the meter in force so that groups given alone regroup it.
/// </summary>
internal sealed partial class MeterReader(ValueReader values)
{
    private const string MeterExample = "write it as beats/note value, e.g. 4/4, 6/8 or 7/8";

    /// <summary>Null once a meter could not be read: later groups are then not checked against a guess.</summary>
    private (int Numerator, int Denominator)? _inForce = (Meter.CommonTime.Numerator, Meter.CommonTime.Denominator);

    /// <summary>The meter the entry sets; null when it sets none (or after reporting why it cannot).</summary>
    public Meter? Read(MappingFields entry)
    {
        YamlNode? meterNode = entry.Optional("meter");
        YamlNode? groupsNode = entry.Optional("groups");
        if (meterNode is null && groupsNode is null) return null;

        if (meterNode is not null) _inForce = Signature(meterNode);
        IReadOnlyList<int>? groups = groupsNode is null ? null : values.NumberList(groupsNode, "groups", 1, Meter.MaxNumerator, distinct: false);
        if (_inForce is not { } signature || (groupsNode is not null && groups is null)) return null;

        if (groups is not null && groups.Sum() != signature.Numerator)
        {
            values.File.Error(groupsNode!, $"groups [{string.Join(", ", groups)}] add up to {groups.Sum()}, but {signature.Numerator}/{signature.Denominator} has {signature.Numerator} beats",
                $"make the groups add up to {signature.Numerator}");
            return null;
        }
        try
        {
            return new Meter(signature.Numerator, signature.Denominator, groups);
        }
        catch (ArgumentException e)
        {
            // Everything Meter checks is checked above; this only guards against the two drifting apart.
            values.File.Error(meterNode ?? groupsNode!, $"invalid meter: {e.Message}", MeterExample);
            return null;
        }
    }

    private (int, int)? Signature(YamlNode node)
    {
        string? text = values.Text(node, "meter");
        if (text is null) return null;
        Match match = SignaturePattern().Match(text);
        if (!match.Success)
        {
            values.File.Error(node, $"meter '{text}' is not a time signature", MeterExample);
            return null;
        }
        // The pattern caps the digits, so these parse; out-of-range values fail the checks below.
        int numerator = int.Parse(match.Groups[1].Value);
        int denominator = int.Parse(match.Groups[2].Value);
        bool valid = true;
        if (numerator < 1 || numerator > Meter.MaxNumerator)
        {
            values.File.Error(node, $"meter {text} has {numerator} beats per bar", $"use 1 to {Meter.MaxNumerator} beats per bar");
            valid = false;
        }
        if (Array.IndexOf(Meter.ValidDenominators, denominator) < 0)
        {
            values.File.Error(node, $"meter {text}: {denominator} is not a note value", $"the lower number must be one of {string.Join(", ", Meter.ValidDenominators)}");
            valid = false;
        }
        return valid ? (numerator, denominator) : null;
    }

    /// <summary>ASCII digits only: .NET's \d also matches other scripts' digits ("١٢/4"), which int.Parse refuses.</summary>
    [GeneratedRegex(@"^([0-9]{1,6})\s*/\s*([0-9]{1,6})$")]
    private static partial Regex SignaturePattern();
}
