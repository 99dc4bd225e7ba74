using Microsoft.Extensions.Time.Testing;
using Pos.Api.Staff;
using Pos.Contracts.Problems;
using Pos.Contracts.Staff;
using Pos.Grains.Clock;
using Pos.Grains.Commands;

namespace Pos.Api.Tests.Staff;

/// <summary>
/// A device typing PINs: one check at a time per device (a PIN sent while its previous one is checked is refused, not
/// queued), and every try of a locked-out device is refused and journaled.
/// </summary>
public sealed class PinCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero));
    private readonly RecordingBook _book = new();
    private readonly PinCheck _pins;

    public PinCheckTests()
    {
        var roster = new StaffRoster();
        roster.MarkLoaded();
        _pins = new PinCheck(roster, new PinAttempts(new PinLockout()), _book,
            new StoreClock(_time, new StoreClockOptions { TimeZoneId = "UTC", DayStarts = TimeSpan.FromHours(4) }));
    }

    [Fact]
    public async Task A_locked_out_device_is_refused_and_journaled_at_every_try_until_its_lock_out_ends()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i < 4 ? ErrorCodes.PinInvalid : ErrorCodes.PinLocked, (await CheckAsync("till-1")).Refusal?.Code);
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ErrorCodes.PinLocked, (await CheckAsync("till-1")).Refusal?.Code);
        }
        Assert.Equal(["no-match", "no-match", "no-match", "no-match", "no-match", "device-locked", "device-locked", "device-locked"], _book.Reasons);

        // Once the lock-out is over, PINs are checked again.
        _time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(ErrorCodes.PinInvalid, (await CheckAsync("till-1")).Refusal?.Code);
        Assert.Equal("no-match", _book.Reasons[^1]);
    }

    [Fact]
    public async Task A_PIN_sent_while_the_same_device_s_previous_one_is_checked_is_refused_and_another_device_goes_on()
    {
        _book.Hold = new TaskCompletionSource();
        var first = CheckAsync("till-1");
        var second = await CheckAsync("till-1");
        Assert.Equal(ErrorCodes.PinLocked, second.Refusal?.Code);
        Assert.NotNull(second.LockedUntil);
        _book.Hold = null;
        Assert.Equal(ErrorCodes.PinInvalid, (await CheckAsync("till-2")).Refusal?.Code);

        _book.Release();
        Assert.Equal(ErrorCodes.PinInvalid, (await first).Refusal?.Code);
        Assert.Equal(["no-match", "no-match"], _book.Reasons); // the refused-while-busy try counts and journals nothing
        Assert.Equal(ErrorCodes.PinInvalid, (await CheckAsync("till-1")).Refusal?.Code);
    }

    private Task<PinVerdict> CheckAsync(string deviceId) => _pins.CheckAsync(deviceId, null, "4821", StaffEvents.SignIn, CancellationToken.None);

    /// <summary>Records the refusals journaled; can hold a refusal's journaling open, as a slow journal would.</summary>
    private sealed class RecordingBook : IStaffBook
    {
        private TaskCompletionSource? _held;

        public List<string> Reasons { get; } = [];

        public TaskCompletionSource? Hold { get; set; }

        public void Release() => _held?.SetResult();

        public async Task RecordRefusalAsync(PinRefused refusal, string deviceId, string? requester, CancellationToken cancellationToken)
        {
            Reasons.Add(refusal.Reason);
            if (Hold is { } hold)
            {
                _held = hold;
                await hold.Task;
            }
        }

        public Task<EmployeeOutcome> SaveAsync(EmployeeSave save, CommandContext context, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<EmployeeOutcome> DeactivateAsync(string employeeId, CommandContext context, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StaffSessionStarted> StartSessionAsync(Employee employee, string deviceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task EndSessionAsync(StaffSession session, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ShiftOutcome> ClockAsync(string employeeId, bool clockIn, CommandContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
