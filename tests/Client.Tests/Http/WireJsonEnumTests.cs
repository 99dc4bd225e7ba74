using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Pos.Client.Http;
using Pos.Contracts.Orders;

namespace Pos.Client.Tests.Http;

/// <summary>
/// Every enum of the contract reads and writes by its kebab-case wire name in the client's options, as the appliance
/// writes it. An enum left out reads as an error in the browser (no reflection there), and then every list of orders
/// holding one fails: the floor goes empty on every phone.
/// </summary>
public sealed partial class WireJsonEnumTests
{
    public static TheoryData<Type> ContractEnums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(OrderView).Assembly.GetExportedTypes().Where(t => t.IsEnum).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void Each_value_reads_and_writes_by_its_kebab_case_name(Type enumType)
    {
        // The converters the client's options carry (the generated context uses them for every enum property).
        var options = WireJson.NewOptions();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        foreach (var value in Enum.GetValues(enumType))
        {
            var wire = JsonSerializer.Serialize(value, enumType, options);
            Assert.Equal($"\"{Kebab(value.ToString()!)}\"", wire);
            Assert.Equal(value, JsonSerializer.Deserialize(wire, enumType, options));
        }
    }

    [Fact]
    public void A_printed_check_in_an_order_reads()
    {
        const string json = """{"jobId":"0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f30","kind":"check","printerId":"front","copy":false,"printedAt":"2026-12-03T10:00:00+00:00"}""";
        var check = JsonSerializer.Deserialize<CheckPrintView>(json, WireJson.Options)!;
        Assert.Equal(CheckKind.Check, check.Kind);
    }

    private static string Kebab(string name) => Words().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Words();
}
