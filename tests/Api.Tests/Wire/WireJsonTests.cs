using System.Text.Json;
using Pos.Api.Menu;
using Pos.Api.Orders;
using Pos.Api.Printers;
using Pos.Api.Problems;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Printers;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Contracts.Sync;
using Pos.Grains.Commands;
using Pos.Grains.Orders;
using OrderView = Pos.Contracts.Orders.OrderView;

namespace Pos.Api.Tests.Wire;

/// <summary>
/// The grains' views go out as Contracts' wire records, mapped in Api; the bytes a client reads are the ones it read
/// when the views were serialised directly (<see cref="WireJsonBefore"/>), and a .NET client reading them with the
/// strict request options gets the same records back.
/// </summary>
public sealed class WireJsonTests
{
    /// <summary>The options the API writes answers with (ASP.NET Core's, set by <c>AddPosApi</c>).</summary>
    private static readonly JsonSerializerOptions Http = HttpOptions();

    private static JsonSerializerOptions HttpOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        RequestJson.Configure(options);
        return options;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Http);

    [Fact]
    public void Orders_are_written_as_before()
    {
        Assert.Equal(WireJsonBefore.ClosedOrder, Json(SampleViews.ClosedOrder().ToWire()));
        Assert.Equal(WireJsonBefore.OpenOrder, Json(SampleViews.OpenOrder().ToWire()));
        Assert.Equal(WireJsonBefore.PaidWithChange, Json(SampleViews.PaidWithChange().ToWire()));
        Assert.Equal(WireJsonBefore.OrderList,
            Json(new OrderList([SampleViews.ClosedOrder().ToWire(), SampleViews.OpenOrder().ToWire()], "abc", true)));
    }

    [Fact]
    public void The_menu_is_written_as_before() => Assert.Equal(WireJsonBefore.Menu, Json(SampleViews.Menu().ToWire()));

    [Fact]
    public void Printers_and_their_jobs_are_written_as_before()
    {
        Assert.Equal(WireJsonBefore.PrinterResponse, Json(SampleViews.Printer().ToResponse(SampleViews.PrinterDown())));
        Assert.Equal(WireJsonBefore.PrinterResponseUnknown, Json(SampleViews.PlainPrinter().ToResponse(null)));
        Assert.Equal(WireJsonBefore.PrinterList,
            Json(new PrinterList([SampleViews.Printer().ToResponse(SampleViews.PrinterDown())], ["pastry"])));
        Assert.Equal(WireJsonBefore.PrinterConfig, Json(SampleViews.Printer().ToWire()));
        Assert.Equal(WireJsonBefore.PlainPrinterConfig, Json(SampleViews.PlainPrinter().ToWire()));
        Assert.Equal(WireJsonBefore.PrintJobList, Json(new[] { SampleViews.Job(), SampleViews.QueuedJob() }.ToWire()));
        Assert.Equal(WireJsonBefore.PrintJob, Json(SampleViews.Job().ToWire()));
    }

    [Fact]
    public void A_conflict_problem_carries_the_order_as_before()
    {
        Assert.Equal(WireJsonBefore.ConflictProblem, Json(Conflict(withOrder: true).ProblemDetails));
    }

    [Fact]
    public void A_device_batch_answer_is_written_as_before()
    {
        Assert.Equal(WireJsonBefore.Batch, Json(Batch()));
    }

    [Fact]
    public void A_kept_order_answer_is_given_again_with_the_same_bytes()
    {
        // KeptAnswers gives a kept order again in the journal's JSON; a repeat must read what the first answer said.
        Assert.Equal(WireJsonBefore.ClosedOrder, EventJson.Serialize(SampleViews.ClosedOrder().ToWire()));
    }

    [Fact]
    public void A_client_reads_the_answers_strictly_into_the_contracts_records()
    {
        // What a .NET client (the staff app, Client/) does: read an answer with the strict options, and keep all of it.
        Assert.Equal(WireJsonBefore.ClosedOrder, Json(Read<OrderView>(WireJsonBefore.ClosedOrder)));
        Assert.Equal(WireJsonBefore.OrderList, Json(Read<OrderList>(WireJsonBefore.OrderList)));
        Assert.Equal(WireJsonBefore.Menu, Json(Read<Contracts.Menu.MenuView>(WireJsonBefore.Menu)));
        Assert.Equal(WireJsonBefore.PrinterList, Json(Read<PrinterList>(WireJsonBefore.PrinterList)));
        Assert.Equal(WireJsonBefore.PrintJobList, Json(Read<PrintJobList>(WireJsonBefore.PrintJobList)));
        var batch = Read<CommandBatchResponse>(WireJsonBefore.Batch);
        Assert.Equal(WireJsonBefore.Batch, Json(batch));
        Assert.Equal(ErrorCodes.ValidationFailed, batch.Results[1].Problem!.GetCode());
        Assert.Equal(ErrorCodes.VersionMismatch, batch.Results[2].Problem!.GetCode());
        Assert.Equal(330, batch.Results[0].Order!.TotalMinor);
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, RequestJson.Options)!;

    /// <summary>A batch as <c>BatchAnswers</c> renders it: applied with the order, rejected, and a conflict carrying the order in its problem.</summary>
    private static CommandBatchResponse Batch()
    {
        var order = SampleViews.PaidWithChange().ToWire();
        var refused = Api.Problems.Problems.Invalid("commands[0].payload.note", "too long").ProblemDetails;
        return new CommandBatchResponse([
            new DeviceCommandResult("c1", "applied", 3, order, null),
            new DeviceCommandResult("c2", "rejected", null, null, refused.ToWire()),
            new DeviceCommandResult("c3", "conflict", 3, null, Conflict(withOrder: false).ProblemDetails.ToWire(order)),
        ]);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Conflict(bool withOrder)
    {
        var stale = new CommandError(ErrorCodes.VersionMismatch, "stale", null);
        return OrderCommandSender.Problem(stale, new OrderResult(SampleViews.PaidWithChange(), stale, CommandOutcome.Conflict), withOrder);
    }
}
