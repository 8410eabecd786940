namespace Spm.Plugins.Data
{
    /// <summary>
    /// Every Dataverse table and column SPM reads or writes, by logical name. The in-box metadata and the solution's
    /// customizations are checked against this file, so a column cannot be used here without existing there.
    /// </summary>
    public static class SpmSchema
    {
        /// <summary>The owner of a user-owned row. SPM rows are owned by the participant they are about, so "own rows" security shows a rep theirs.</summary>
        public const string OwnerId = "ownerid";

        public static class Opportunity
        {
            public const string Table = "opportunity";
            public const string Id = "opportunityid";
            public const string Name = "name";
            public const string Owner = "ownerid";
            public const string State = "statecode";
            public const string Status = "statuscode";
            public const string ActualValue = "actualvalue";
            public const string ActualValueBase = "actualvalue_base";
            public const string EstimatedValue = "estimatedvalue";
            public const string EstimatedValueBase = "estimatedvalue_base";
            public const string ActualCloseDate = "actualclosedate";
            public const string EstimatedCloseDate = "estimatedclosedate";
            public const string CloseProbability = "closeprobability";
            public const string Currency = "transactioncurrencyid";
            public const string ExchangeRate = "exchangerate";
            public const string CreatedOn = "createdon";
            public const string Margin = "spm_margin";
            public const string Units = "spm_units";
            public const string Category = "spm_category";

            /// <summary>The columns whose change can move credit: the Update step filters on exactly these.</summary>
            public static readonly string[] CreditColumns = { Owner, State, Status, ActualValue, EstimatedValue, ActualCloseDate, EstimatedCloseDate, CloseProbability, Currency, ExchangeRate, Margin, Units, Category, Name };

            public const int StateOpen = 0;
            public const int StateWon = 1;
            public const int StateLost = 2;
        }

        public static class SystemUser
        {
            public const string Table = "systemuser";
            public const string Id = "systemuserid";
            public const string FullName = "fullname";
            public const string Manager = "parentsystemuserid";
            public const string SalesTeam = "spm_salesteam";
            public const string Territory = "spm_territory";
            public const string HireDate = "spm_hiredate";
            public const string IsParticipant = "spm_isparticipant";
            public const string IsDisabled = "isdisabled";
            public const string Currency = "transactioncurrencyid";
        }

        /// <summary>Security roles, read to tell an admin from everyone else (a role is copied into every business unit under its name).</summary>
        public static class Role
        {
            public const string Table = "role";
            public const string Id = "roleid";
            public const string Name = "name";
            public const string Template = "roletemplateid";
        }

        /// <summary>The intersect table of systemuser and role (plain ids, no lookups).</summary>
        public static class SystemUserRoles
        {
            public const string Table = "systemuserroles";
            public const string User = "systemuserid";
            public const string Role = "roleid";
        }

        /// <summary>Which users are in which team (intersect, plain ids).</summary>
        public static class TeamMembership
        {
            public const string Table = "teammembership";
            public const string Team = "teamid";
            public const string User = "systemuserid";
        }

        /// <summary>The roles a team holds; its members hold them too (intersect, plain ids).</summary>
        public static class TeamRoles
        {
            public const string Table = "teamroles";
            public const string Team = "teamid";
            public const string Role = "roleid";
        }

        public static class TransactionCurrency
        {
            public const string Table = "transactioncurrency";
            public const string Id = "transactioncurrencyid";
            public const string IsoCode = "isocurrencycode";
            public const string Precision = "currencyprecision";
            public const string Symbol = "currencysymbol";
            public const string ExchangeRate = "exchangerate";
        }

        public static class Period
        {
            public const string Table = "spm_period";
            public const string Id = "spm_periodid";
            public const string Name = "spm_name";
            public const string Kind = "spm_kind";
            public const string FiscalYear = "spm_fiscalyear";
            public const string Number = "spm_number";
            public const string StartDate = "spm_startdate";
            public const string EndDate = "spm_enddate";
            public const string Status = "spm_status";

            public const int KindMonth = 1;
            public const int KindQuarter = 3;
            public const int KindYear = 12;
            public const int StatusOpen = 100000000;
            public const int StatusLocked = 100000001;
            public const int StatusPaid = 100000002;
        }

        public static class CompPlan
        {
            public const string Table = "spm_compplan";
            public const string Id = "spm_compplanid";
            public const string Name = "spm_name";
            public const string Currency = "transactioncurrencyid";
            public const string Rounding = "spm_rounding";
            public const string DrawAmount = "spm_drawamount";
            public const string DrawRecoverable = "spm_drawrecoverable";
            public const string ClawbackDays = "spm_clawbackdays";

            public const int RoundingCommercial = 100000000;
            public const int RoundingBankers = 100000001;
        }

        public static class PlanComponent
        {
            public const string Table = "spm_plancomponent";
            public const string Id = "spm_plancomponentid";
            public const string Plan = "spm_compplanid";
            public const string Name = "spm_name";
            public const string Kind = "spm_kind";
            public const string Measure = "spm_measure";
            public const string TierMode = "spm_tiermode";
            public const string Threshold = "spm_thresholdpercent";
            public const string AttainmentCap = "spm_attainmentcappercent";
            public const string PayoutCap = "spm_payoutcap";
            public const string TargetIncentive = "spm_targetincentive";
            public const string Order = "spm_order";

            public const int KindCommission = 100000000;
            public const int KindTargetIncentive = 100000001;
            public const int ModeGraduated = 100000000;
            public const int ModeRetroactive = 100000001;
        }

        public static class PlanTier
        {
            public const string Table = "spm_plantier";
            public const string Id = "spm_plantierid";
            public const string Component = "spm_plancomponentid";
            public const string Name = "spm_name";
            public const string FromPercent = "spm_frompercent";
            public const string ToPercent = "spm_topercent";
            public const string Rate = "spm_rate";
        }

        public static class Spiff
        {
            public const string Table = "spm_spiff";
            public const string Id = "spm_spiffid";
            public const string Plan = "spm_compplanid";
            public const string Name = "spm_name";
            public const string FirstDay = "spm_firstday";
            public const string LastDay = "spm_lastday";
            public const string BonusPerDeal = "spm_bonusperdeal";
            public const string MinimumDealAmount = "spm_minimumdealamount";
            public const string Category = "spm_category";
        }

        public static class PlanAssignment
        {
            public const string Table = "spm_planassignment";
            public const string Id = "spm_planassignmentid";
            public const string Participant = "spm_participantid";
            public const string Plan = "spm_compplanid";
            public const string EffectiveFrom = "spm_effectivefrom";
        }

        public static class Quota
        {
            public const string Table = "spm_quota";
            public const string Id = "spm_quotaid";
            public const string Participant = "spm_participantid";
            public const string Period = "spm_periodid";
            public const string Measure = "spm_measure";
            public const string Amount = "spm_amount";
            public const string Ramp = "spm_ramp";
            public const string AdjustmentDelta = "spm_adjustmentdelta";
            public const string AdjustmentDate = "spm_adjustmentdate";
            public const string AdjustmentReason = "spm_adjustmentreason";

            /// <summary>Choice values of spm_measure, in Spm.Domain.Quotas.Measure order.</summary>
            public const int MeasureBase = 100000000;
        }

        public static class CreditSplit
        {
            public const string Table = "spm_creditsplit";
            public const string Id = "spm_creditsplitid";
            public const string Opportunity = "spm_opportunityid";
            public const string Participant = "spm_participantid";
            public const string Percent = "spm_percent";
            public const string Kind = "spm_kind";

            public const int KindRevenue = 100000000;
            public const int KindOverlay = 100000001;
        }

        public static class Credit
        {
            public const string Table = "spm_credit";
            public const string Id = "spm_creditid";
            public const string Name = "spm_name";
            public const string Sequence = "spm_sequence";
            public const string Opportunity = "spm_opportunityid";

            /// <summary>The opportunity id as text: kept when the opportunity is deleted (the lookup is then cleared).</summary>
            public const string DealKey = "spm_dealkey";
            public const string DealName = "spm_dealname";
            public const string Participant = "spm_participantid";
            public const string Kind = "spm_kind";
            public const string Share = "spm_share";
            public const string CreditDate = "spm_creditdate";
            public const string Revenue = "spm_revenue";
            public const string Margin = "spm_margin";
            public const string Units = "spm_units";
            public const string DealAmount = "spm_dealamount";
            public const string Category = "spm_category";
            public const string ReversalOf = "spm_reversalofsequence";
            public const string PostedOn = "spm_postedon";

            /// <summary>Choice values of spm_kind, in Spm.Domain.Credits.CreditKind order.</summary>
            public const int KindBase = 100000000;
        }

        public static class Statement
        {
            public const string Table = "spm_statement";
            public const string Id = "spm_statementid";
            public const string Name = "spm_name";
            public const string Participant = "spm_participantid";
            public const string Period = "spm_periodid";
            public const string Plan = "spm_compplanid";
            public const string Measure = "spm_measure";
            public const string Credited = "spm_credited";
            public const string Quota = "spm_quota";
            public const string AttainmentPercent = "spm_attainmentpercent";
            public const string Earned = "spm_earned";
            public const string TotalPayable = "spm_totalpayable";
            public const string DrawBalance = "spm_drawbalance";
            public const string LedgerSequence = "spm_ledgersequence";
            public const string Frozen = "spm_frozen";
            public const string RecalculatedOn = "spm_recalculatedon";

            /// <summary>The totals snapshot as of <see cref="LedgerSequence"/> (base currency): a later change folds only newer rows.</summary>
            public const string CreditedRevenue = "spm_creditedrevenue";
            public const string CreditedMargin = "spm_creditedmargin";
            public const string CreditedUnits = "spm_creditedunits";
            public const string CreditedDeals = "spm_crediteddeals";

            /// <summary>The snapshot's qualifying deal shares per SPIFF ("spiffid=shares;…") and the SPIFF definitions they were counted under.</summary>
            public const string SpiffShares = "spm_spiffshares";
            public const string SpiffBasis = "spm_spiffbasis";
        }

        public static class Adjustment
        {
            public const string Table = "spm_adjustment";
            public const string Id = "spm_adjustmentid";
            public const string Name = "spm_name";
            public const string Participant = "spm_participantid";

            /// <summary>The statement's period the amount is booked on: always an open period when it is saved.</summary>
            public const string Period = "spm_periodid";

            /// <summary>The period the adjustment is for, when that one was already locked and it moved to the next open one.</summary>
            public const string SourcePeriod = "spm_sourceperiodid";
            public const string Amount = "spm_amount";
            public const string Reason = "spm_reason";
            public const string EffectiveDate = "spm_effectivedate";
            public const string State = "statecode";
        }

        /// <summary>One row per participant, with the participant's systemuserid as its id: the lock a posting takes last.</summary>
        public static class LedgerState
        {
            public const string Table = "spm_ledgerstate";
            public const string Id = "spm_ledgerstateid";
            public const string Name = "spm_name";
            public const string LockedBy = "spm_lockedby";

            /// <summary>On <see cref="ConfigurationRowId"/>: a fresh value on every configuration save (the reference-data cache key).</summary>
            public const string ConfigVersion = "spm_configversion";

            /// <summary>The configuration row: not a ledger lock, it tells postings whether their cached periods, plans and currencies are current.</summary>
            public static readonly System.Guid ConfigurationRowId = new System.Guid("5e4b1a70-3c1f-4d6e-9a2b-5f0c8d7e6a11");
        }

        public static class Recognition
        {
            public const string Table = "spm_recognition";
            public const string Id = "spm_recognitionid";
            public const string Name = "spm_name";
            public const string Participant = "spm_participantid";
            public const string Kind = "spm_kind";
            public const string Period = "spm_periodname";
            public const string Detail = "spm_detail";
            public const string Opportunity = "spm_opportunityid";
            public const string Value = "spm_value";
            public const string DedupKey = "spm_dedupkey";

            public const int KindBase = 100000000;
        }
    }
}
