using System.Globalization;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Persistence;

namespace Spm.Dataverse.Tests.Persistence;

[TestClass]
public sealed class AttributeCodecTests
{
    private static readonly Guid Deal = new("5f1c2a9e-7b3d-4e8a-9c21-3d4e5f6a7b8c");

    public static IEnumerable<object[]> Values =>
    [
        ["spm_amount", 320_320.00m],
        ["spm_rate", 0.0825m],
        ["estimatedvalue", new Money(48_250.50m)],
        ["exchangerate", 0.920000m],
        ["closeprobability", 80],
        ["versionnumber", 9_000_000_001L],
        ["spm_score", 0.1],
        ["spm_isparticipant", true],
        ["statecode", new OptionSetValue(1)],
        ["ownerid", new EntityReference("systemuser", new Guid("a0000000-0000-0000-0000-0000000000a1")) { Name = "Ava Chen" }],
        ["objectid", new Guid("d0000000-0000-0000-0000-000000000001")],
        ["createdon", new DateTime(2026, 3, 20, 10, 0, 0, DateTimeKind.Utc)],
        ["spm_localstamp", new DateTime(2026, 3, 20, 10, 0, 0, DateTimeKind.Local)],
        ["spm_enddate", new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Unspecified)],
        ["description", "Renewal of the 2025 platform licence – “EMEA” €"],
    ];

    [TestMethod]
    [DynamicData(nameof(Values))]
    public void A_value_comes_back_with_its_type_and_exact_text(string column, object value)
    {
        var row = new Entity("opportunity", Deal) { [column] = value };
        var back = new Entity("opportunity", Deal);

        AttributeCodec.Decode(AttributeCodec.Encode(row), back);

        object restored = back[column];
        Assert.AreEqual(value.GetType(), restored.GetType());
        Assert.AreEqual(Text(value), Text(restored));
    }

    [TestMethod]
    public void A_value_of_a_type_the_file_cannot_keep_is_refused_naming_the_column()
    {
        var row = new Entity("opportunity", Deal) { ["spm_payload"] = new byte[] { 1, 2, 3 } };

        var error = Assert.ThrowsExactly<NotSupportedException>(() => AttributeCodec.Encode(row));

        Assert.Contains("'opportunity.spm_payload'", error.Message);
        Assert.Contains("System.Byte[]", error.Message);
    }

    private static string Text(object value) => value switch
    {
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => $"{reference.LogicalName}/{reference.Id:D}/{reference.Name}",
        DateTime date => $"{date.Ticks}/{date.Kind}",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
