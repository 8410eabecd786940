using System;
using System.Diagnostics;

namespace Spm.SeedOrg
{
    /// <summary>
    /// The organization's clock (UTC). While seeding it stands on the day of each event; once the host runs it starts at the
    /// demo's "today" (<see cref="DemoOrg.AsOf"/>, 10:00) and advances with elapsed time, so the demo never reads the date.
    /// </summary>
    public sealed class DemoClock
    {
        private readonly object _sync = new object();
        private DateTime _start;
        private Stopwatch? _running;

        public DemoClock()
        {
            _start = At(DemoOrg.AsOf);
        }

        public DateTime UtcNow
        {
            get
            {
                lock (_sync)
                {
                    return _running == null ? _start : _start + _running.Elapsed;
                }
            }
        }

        /// <summary>Stops the clock on a day (10:00 UTC): what the seed does before each event it replays.</summary>
        public void StandOn(DateTime day)
        {
            lock (_sync)
            {
                _start = At(day);
                _running = null;
            }
        }

        /// <summary>
        /// Starts the clock at the demo's "today" and lets it run; from <paramref name="notBefore"/> when that is later (the
        /// last change of an organization loaded from a file), so time never runs backwards across a restart.
        /// </summary>
        public void Run(DateTime? notBefore = null)
        {
            lock (_sync)
            {
                DateTime today = At(DemoOrg.AsOf);
                _start = notBefore is DateTime last && last.ToUniversalTime() > today ? last.ToUniversalTime() : today;
                _running = Stopwatch.StartNew();
            }
        }

        private static DateTime At(DateTime day) => DateTime.SpecifyKind(day.Date.AddHours(10), DateTimeKind.Utc);
    }
}
