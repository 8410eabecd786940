namespace Spm.Dataverse.Metadata
{
    /// <summary>
    /// Option values of the SPM choice columns, for code and tests that name them; solution/Entities and OptionSets define
    /// them (a test checks each one against <see cref="DataverseMetadata.Default"/>). They are the values of
    /// Spm.Plugins.Data.SpmSchema (not referenced: the plugins depend on this sandbox, not the other way round); where
    /// SpmSchema derives a value as a base plus a domain enum, the constants here follow that enum's order.
    /// </summary>
    public static class SpmChoices
    {
        // spm_period.spm_kind: the number of months (Spm.Domain.Calendar.PeriodKind).
        public const int PeriodMonth = 1;
        public const int PeriodQuarter = 3;
        public const int PeriodYear = 12;

        // spm_period.spm_status.
        public const int PeriodOpen = 100000000;
        public const int PeriodLocked = 100000001;
        public const int PeriodPaid = 100000002;

        // spm_compplan.spm_rounding.
        public const int RoundingCommercial = 100000000;
        public const int RoundingBankers = 100000001;

        // spm_plancomponent.spm_kind and spm_tiermode (Spm.Domain.Plans.TierMode order).
        public const int ComponentCommission = 100000000;
        public const int ComponentTargetIncentive = 100000001;
        public const int TierModeGraduated = 100000000;
        public const int TierModeRetroactive = 100000001;

        // spm_measure of spm_quota, spm_statement, spm_plancomponent, spm_attainment (Spm.Domain.Quotas.Measure order).
        public const int MeasureRevenue = 100000000;
        public const int MeasureMargin = 100000001;
        public const int MeasureUnits = 100000002;
        public const int MeasureDealCount = 100000003;

        // spm_creditsplit.spm_kind (Spm.Domain.Credits.SplitKind order).
        public const int SplitRevenue = 100000000;
        public const int SplitOverlay = 100000001;

        // spm_credit.spm_kind (Spm.Domain.Credits.CreditKind order).
        public const int CreditOwner = 100000000;
        public const int CreditSplit = 100000001;
        public const int CreditOverlay = 100000002;
        public const int CreditRollUp = 100000003;

        // spm_recognition.spm_kind (Spm.Domain.Recognition.RecognitionKind order).
        public const int RecognitionFirstDeal = 100000000;
        public const int RecognitionAttainmentMilestone = 100000001;
        public const int RecognitionLargestDealOfPeriod = 100000002;
        public const int RecognitionWinStreak = 100000003;

        // spm_statement.statuscode.
        public const int StatementDraft = 1;
        public const int StatementApproved = 100000000;
        public const int StatementPaid = 100000001;

        // spm_statementline.spm_linetype (Spm.Domain.Statements.StatementLineKind order).
        public const int LineCommission = 100000000;
        public const int LineTargetIncentive = 100000001;
        public const int LinePayoutCap = 100000002;
        public const int LineSpiff = 100000003;
        public const int LinePriorPeriodAdjustment = 100000004;
        public const int LineManualAdjustment = 100000005;
        public const int LineDrawTopUp = 100000006;
        public const int LineDrawRecovery = 100000007;

        // spm_feedbackrequest.spm_status.
        public const int FeedbackRequested = 100000000;
        public const int FeedbackAnswered = 100000001;
        public const int FeedbackDeclined = 100000002;
    }
}
