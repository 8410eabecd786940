using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Spm.Domain.Calendar;
using Spm.Domain.Engine;

namespace Spm.Plugins.Data
{
    /// <summary>The domain engine built from the rows one change needs, plus the row ids to write results back to.</summary>
    public sealed class SpmModel
    {
        internal SpmModel(SpmEngine engine, IReadOnlyDictionary<string, Guid> periodRows, IReadOnlyDictionary<string, Entity> statementRows, IReadOnlyDictionary<string, Guid> planRows, IReadOnlyDictionary<Guid, string> currencyCodes, IReadOnlyDictionary<Guid, long> lastSequences)
        {
            Engine = engine;
            PeriodRows = periodRows;
            StatementRows = statementRows;
            PlanRows = planRows;
            CurrencyCodes = currencyCodes;
            LastSequences = lastSequences;
        }

        public SpmEngine Engine { get; }

        public PeriodBook Periods => Engine.Periods;

        /// <summary>spm_period row id by domain period id ("FY2026-Q1").</summary>
        public IReadOnlyDictionary<string, Guid> PeriodRows { get; }

        /// <summary>Existing spm_statement rows by "participant|period".</summary>
        public IReadOnlyDictionary<string, Entity> StatementRows { get; }

        public IReadOnlyDictionary<string, Guid> PlanRows { get; }

        /// <summary>ISO code by transactioncurrency row id.</summary>
        public IReadOnlyDictionary<Guid, string> CurrencyCodes { get; }

        /// <summary>Each loaded participant's last stored ledger sequence, as read when the model was built.</summary>
        public IReadOnlyDictionary<Guid, long> LastSequences { get; }

        public static string StatementKey(string participantId, string periodId) => participantId + "|" + periodId;
    }
}
