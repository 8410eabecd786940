namespace Spm.Dataverse.Metadata
{
    /// <summary>
    /// The built-in schema: the Dataverse system tables the SPM suite touches and the SPM (publisher prefix spm) tables.
    /// This is the single place the unpacked solution (solution/) is checked against.
    /// Custom choices use the publisher option prefix 10000 (values 100000000, 100000001, ...).
    /// SPM columns that the business requires are ApplicationRequired (custom columns cannot be SystemRequired in
    /// Dataverse, and the platform does not enforce ApplicationRequired); set
    /// <see cref="Store.InMemoryOrganization.EnforceApplicationRequired"/> to have the store enforce them too.
    /// </summary>
    public sealed partial class DataverseMetadata
    {
        /// <summary>A fresh copy of the default schema (each call builds a new instance, so tests may extend it freely).</summary>
        public static DataverseMetadata Default()
        {
            var m = new DataverseMetadata();
            AddSystemTables(m);
            AddSalesTables(m);
            AddSpmTables(m);
            return m;
        }

        private static void AddSystemTables(DataverseMetadata m)
        {
            TableMetadata businessUnit = m.AddTable("businessunit", "businessunitid", "name", OwnershipType.OrganizationOwned);
            businessUnit.FindColumn("name")!.Required();
            businessUnit.AddColumn("parentbusinessunitid", ColumnType.Lookup).WithTargets("businessunit");
            businessUnit.AddColumn("isdisabled", ColumnType.Boolean);

            TableMetadata user = m.AddTable("systemuser", "systemuserid", "fullname", OwnershipType.OrganizationOwned);
            user.AddColumn("firstname", ColumnType.String);
            user.AddColumn("lastname", ColumnType.String);
            user.AddColumn("domainname", ColumnType.String);
            user.AddColumn("internalemailaddress", ColumnType.String);
            user.AddColumn("azureactivedirectoryobjectid", ColumnType.Uniqueidentifier);
            user.AddColumn("businessunitid", ColumnType.Lookup).WithTargets("businessunit");
            user.AddColumn("parentsystemuserid", ColumnType.Lookup).WithTargets("systemuser");
            user.AddColumn("territoryid", ColumnType.Lookup).WithTargets("territory");
            user.AddColumn("transactioncurrencyid", ColumnType.Lookup).WithTargets("transactioncurrency");
            user.AddColumn("isdisabled", ColumnType.Boolean);
            user.AddColumn("spm_hiredate", ColumnType.DateTime).DateOnly = true;

            TableMetadata team = m.AddTable("team", "teamid", "name", OwnershipType.OrganizationOwned);
            team.FindColumn("name")!.Required();
            team.AddColumn("businessunitid", ColumnType.Lookup).WithTargets("businessunit");
            team.AddColumn("administratorid", ColumnType.Lookup).WithTargets("systemuser");
            team.AddColumn("teamtype", ColumnType.Picklist).WithOptions(0, 1, 2, 3); // Owner, Access, Security Group, Office Group
            team.AddColumn("azureactivedirectoryobjectid", ColumnType.Uniqueidentifier);

            TableMetadata territory = m.AddTable("territory", "territoryid", "name", OwnershipType.OrganizationOwned);
            territory.AddColumn("managerid", ColumnType.Lookup).WithTargets("systemuser");
            territory.AddColumn("parentterritoryid", ColumnType.Lookup).WithTargets("territory");

            TableMetadata currency = m.AddTable("transactioncurrency", "transactioncurrencyid", "currencyname", OwnershipType.OrganizationOwned)
                .WithStates("TransactionCurrencyState", new StateDefinition(0, "Active", new[] { 1 }), new StateDefinition(1, "Inactive", new[] { 2 }));
            currency.AddColumn("isocurrencycode", ColumnType.String).Required().MaxLength = 5;
            currency.AddColumn("currencysymbol", ColumnType.String);
            currency.AddColumn("exchangerate", ColumnType.Decimal).Required().Range(0.0000000001m, 100000000000m);
            currency.AddColumn("currencyprecision", ColumnType.Integer).Required().Range(0, 4);
            currency.WithAlternateKey("isocurrencycode", "isocurrencycode");
        }

        private static void AddSalesTables(DataverseMetadata m)
        {
            TableMetadata account = m.AddTable("account", "accountid", "name", OwnershipType.UserOwned).WithCurrency()
                .WithStates("AccountState", new StateDefinition(0, "Active", new[] { 1 }), new StateDefinition(1, "Inactive", new[] { 2 }));
            account.AddColumn("accountnumber", ColumnType.String);
            account.AddColumn("revenue", ColumnType.Money);
            account.AddColumn("parentaccountid", ColumnType.Lookup).WithTargets("account");

            TableMetadata contact = m.AddTable("contact", "contactid", "fullname", OwnershipType.UserOwned)
                .WithStates("ContactState", new StateDefinition(0, "Active", new[] { 1 }), new StateDefinition(1, "Inactive", new[] { 2 }));
            contact.AddColumn("firstname", ColumnType.String);
            contact.AddColumn("lastname", ColumnType.String);
            contact.AddColumn("emailaddress1", ColumnType.String);
            contact.AddColumn("parentcustomerid", ColumnType.Lookup).WithTargets("account", "contact");

            TableMetadata opportunity = m.AddTable("opportunity", "opportunityid", "name", OwnershipType.UserOwned).WithCurrency()
                .WithStates(
                    "OpportunityState",
                    new StateDefinition(0, "Open", new[] { 1, 2 }),   // In Progress, On Hold
                    new StateDefinition(1, "Won", new[] { 3 }),       // Won
                    new StateDefinition(2, "Lost", new[] { 4, 5 }));  // Canceled, Out-Sold
            opportunity.FindColumn("name")!.Required(RequiredLevel.ApplicationRequired);
            opportunity.AddColumn("customerid", ColumnType.Lookup).WithTargets("account", "contact");
            opportunity.AddColumn("parentaccountid", ColumnType.Lookup).WithTargets("account");
            opportunity.AddColumn("parentcontactid", ColumnType.Lookup).WithTargets("contact");
            opportunity.AddColumn("description", ColumnType.Memo);
            opportunity.AddColumn("estimatedvalue", ColumnType.Money).Range(0m, 100000000000000m);
            opportunity.AddColumn("actualvalue", ColumnType.Money).Range(0m, 100000000000000m);
            opportunity.AddColumn("estimatedclosedate", ColumnType.DateTime).DateOnly = true;
            opportunity.AddColumn("actualclosedate", ColumnType.DateTime).DateOnly = true;
            opportunity.AddColumn("closeprobability", ColumnType.Integer).Range(0, 100);
            opportunity.AddColumn("isrevenuesystemcalculated", ColumnType.Boolean);
            opportunity.AddColumn("spm_dealnumber", ColumnType.String);
            opportunity.AddColumn("spm_cancelledon", ColumnType.DateTime).DateOnly = true;

            TableMetadata close = m.AddTable("opportunityclose", "activityid", "subject", OwnershipType.UserOwned).WithCurrency()
                .WithStates(
                    "OpportunityCloseState",
                    new StateDefinition(0, "Open", new[] { 1 }),
                    new StateDefinition(1, "Completed", new[] { 2 }),
                    new StateDefinition(2, "Canceled", new[] { 3 }));
            close.AddColumn("opportunityid", ColumnType.Lookup).WithTargets("opportunity").Required();
            close.AddColumn("actualrevenue", ColumnType.Money);
            close.AddColumn("actualend", ColumnType.DateTime);
            close.AddColumn("description", ColumnType.Memo);
            close.AddColumn("competitorid", ColumnType.Lookup).WithTargets("competitor");

            m.AddTable("competitor", "competitorid", "name", OwnershipType.OrganizationOwned);
        }

        private static void AddSpmTables(DataverseMetadata m)
        {
            TableMetadata period = m.AddTable("spm_period", "spm_periodid", "spm_name", OwnershipType.OrganizationOwned)
                .WithActiveInactiveStates("spm_periodState");
            period.AddColumn("spm_periodtype", ColumnType.Picklist).WithOptions(SpmChoices.PeriodMonth, SpmChoices.PeriodQuarter, SpmChoices.PeriodYear).Required(RequiredLevel.ApplicationRequired);
            period.AddColumn("spm_startdate", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            period.AddColumn("spm_enddate", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            period.AddColumn("spm_fiscalyear", ColumnType.Integer).Range(1900, 2999);
            period.AddColumn("spm_status", ColumnType.Picklist).WithOptions(SpmChoices.PeriodOpen, SpmChoices.PeriodLocked, SpmChoices.PeriodPaid);
            period.AddColumn("spm_parentperiodid", ColumnType.Lookup).WithTargets("spm_period");

            TableMetadata plan = m.AddTable("spm_compplan", "spm_compplanid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_compplanState");
            plan.AddColumn("spm_effectivefrom", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            plan.AddColumn("spm_effectiveto", ColumnType.DateTime).DateOnly = true;
            plan.AddColumn("spm_definition", ColumnType.Memo);  // components, rate tables, tiers (JSON)
            plan.AddColumn("spm_version", ColumnType.Integer);
            plan.AddColumn("spm_ontargetincentive", ColumnType.Money);

            TableMetadata assignment = m.AddTable("spm_planassignment", "spm_planassignmentid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_planassignmentState");
            assignment.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            assignment.AddColumn("spm_compplanid", ColumnType.Lookup).WithTargets("spm_compplan").Required(RequiredLevel.ApplicationRequired);
            assignment.AddColumn("spm_fromperiodid", ColumnType.Lookup).WithTargets("spm_period");
            assignment.AddColumn("spm_toperiodid", ColumnType.Lookup).WithTargets("spm_period");

            TableMetadata quota = m.AddTable("spm_quota", "spm_quotaid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_quotaState");
            quota.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            quota.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period").Required(RequiredLevel.ApplicationRequired);
            quota.AddColumn("spm_measure", ColumnType.Picklist).WithOptions(SpmChoices.MeasureRevenue, SpmChoices.MeasureMargin, SpmChoices.MeasureUnits, SpmChoices.MeasureDealCount).Required(RequiredLevel.ApplicationRequired);
            quota.AddColumn("spm_amount", ColumnType.Money).Required(RequiredLevel.ApplicationRequired).Range(0m, 100000000000000m);
            quota.AddColumn("spm_rampfactor", ColumnType.Decimal).Range(0m, 1m);
            quota.WithAlternateKey("spm_participant_period_measure", "spm_participantid", "spm_periodid", "spm_measure");

            TableMetadata split = m.AddTable("spm_creditsplit", "spm_creditsplitid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_creditsplitState");
            split.AddColumn("spm_opportunityid", ColumnType.Lookup).WithTargets("opportunity").Required(RequiredLevel.ApplicationRequired);
            split.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            split.AddColumn("spm_percent", ColumnType.Decimal).Required(RequiredLevel.ApplicationRequired).Range(0m, 1000m);
            split.AddColumn("spm_splittype", ColumnType.Picklist).WithOptions(SpmChoices.SplitRevenue, SpmChoices.SplitOverlay).Required(RequiredLevel.ApplicationRequired);

            TableMetadata credit = m.AddTable("spm_credit", "spm_creditid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_creditState");
            credit.AddColumn("spm_opportunityid", ColumnType.Lookup).WithTargets("opportunity");
            credit.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            credit.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period");
            credit.AddColumn("spm_amount", ColumnType.Money).Required(RequiredLevel.ApplicationRequired);
            credit.AddColumn("spm_share", ColumnType.Decimal);
            credit.AddColumn("spm_creditdate", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            credit.AddColumn("spm_credittype", ColumnType.Picklist)
                .WithOptions(SpmChoices.CreditOwner, SpmChoices.CreditSplit, SpmChoices.CreditOverlay, SpmChoices.CreditRollUp).Required(RequiredLevel.ApplicationRequired);
            credit.AddColumn("spm_isreversal", ColumnType.Boolean);
            credit.AddColumn("spm_reversedcreditid", ColumnType.Lookup).WithTargets("spm_credit");
            credit.AddColumn("spm_sourcekey", ColumnType.String);
            credit.WithAlternateKey("spm_sourcekey", "spm_sourcekey");

            TableMetadata attainment = m.AddTable("spm_attainment", "spm_attainmentid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_attainmentState");
            attainment.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            attainment.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period").Required(RequiredLevel.ApplicationRequired);
            attainment.AddColumn("spm_measure", ColumnType.Picklist).WithOptions(SpmChoices.MeasureRevenue, SpmChoices.MeasureMargin, SpmChoices.MeasureUnits, SpmChoices.MeasureDealCount);
            attainment.AddColumn("spm_quotaamount", ColumnType.Money);
            attainment.AddColumn("spm_creditedamount", ColumnType.Money);
            attainment.AddColumn("spm_attainmentpercent", ColumnType.Decimal);
            attainment.AddColumn("spm_pacepercent", ColumnType.Decimal);
            attainment.AddColumn("spm_projectedpercent", ColumnType.Decimal);
            attainment.AddColumn("spm_earnings", ColumnType.Money);
            attainment.AddColumn("spm_calculatedon", ColumnType.DateTime);

            TableMetadata statement = m.AddTable("spm_statement", "spm_statementid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithStates(
                    "spm_statementState",
                    new StateDefinition(0, "Active", new[] { SpmChoices.StatementDraft, SpmChoices.StatementApproved }),
                    new StateDefinition(1, "Inactive", new[] { SpmChoices.StatementPaid, 2 }));
            statement.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            statement.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period").Required(RequiredLevel.ApplicationRequired);
            statement.AddColumn("spm_compplanid", ColumnType.Lookup).WithTargets("spm_compplan");
            statement.AddColumn("spm_totalpayable", ColumnType.Money);
            statement.AddColumn("spm_approvedby", ColumnType.Lookup).WithTargets("systemuser");
            statement.AddColumn("spm_approvedon", ColumnType.DateTime);
            statement.AddColumn("spm_acknowledgedon", ColumnType.DateTime);

            TableMetadata line = m.AddTable("spm_statementline", "spm_statementlineid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_statementlineState");
            line.AddColumn("spm_statementid", ColumnType.Lookup).WithTargets("spm_statement").Required(RequiredLevel.ApplicationRequired);
            line.AddColumn("spm_creditid", ColumnType.Lookup).WithTargets("spm_credit");
            line.AddColumn("spm_sequence", ColumnType.Integer);
            line.AddColumn("spm_linetype", ColumnType.Picklist)
                .WithOptions(SpmChoices.LineCommission, SpmChoices.LineBonus, SpmChoices.LineAdjustment, SpmChoices.LineDraw, SpmChoices.LineClawback);
            line.AddColumn("spm_component", ColumnType.String);
            line.AddColumn("spm_tier", ColumnType.String);
            line.AddColumn("spm_rate", ColumnType.Decimal);
            line.AddColumn("spm_creditamount", ColumnType.Money);
            line.AddColumn("spm_amount", ColumnType.Money).Required(RequiredLevel.ApplicationRequired);
            line.AddColumn("spm_explanation", ColumnType.Memo);

            TableMetadata adjustment = m.AddTable("spm_adjustment", "spm_adjustmentid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_adjustmentState");
            adjustment.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            adjustment.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period").Required(RequiredLevel.ApplicationRequired);
            adjustment.AddColumn("spm_sourceperiodid", ColumnType.Lookup).WithTargets("spm_period");
            adjustment.AddColumn("spm_amount", ColumnType.Money).Required(RequiredLevel.ApplicationRequired);
            adjustment.AddColumn("spm_reason", ColumnType.Memo).Required(RequiredLevel.ApplicationRequired);
            adjustment.AddColumn("spm_effectivedate", ColumnType.DateTime).DateOnly = true;
            adjustment.AddColumn("spm_inquiryid", ColumnType.Lookup).WithTargets("spm_inquiry");

            TableMetadata inquiry = m.AddTable("spm_inquiry", "spm_inquiryid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_inquiryState");
            inquiry.AddColumn("spm_statementlineid", ColumnType.Lookup).WithTargets("spm_statementline").Required(RequiredLevel.ApplicationRequired);
            inquiry.AddColumn("spm_reason", ColumnType.Memo).Required(RequiredLevel.ApplicationRequired);
            inquiry.AddColumn("spm_answer", ColumnType.Memo);

            TableMetadata acknowledgement = m.AddTable("spm_planacknowledgement", "spm_planacknowledgementid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_planacknowledgementState");
            acknowledgement.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            acknowledgement.AddColumn("spm_compplanid", ColumnType.Lookup).WithTargets("spm_compplan").Required(RequiredLevel.ApplicationRequired);
            acknowledgement.AddColumn("spm_acknowledgedon", ColumnType.DateTime);

            TableMetadata recognition = m.AddTable("spm_recognition", "spm_recognitionid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_recognitionState");
            recognition.AddColumn("spm_recipientid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            recognition.AddColumn("spm_giverid", ColumnType.Lookup).WithTargets("systemuser");
            recognition.AddColumn("spm_kind", ColumnType.Picklist).WithOptions(SpmChoices.RecognitionMilestone, SpmChoices.RecognitionKudos).Required(RequiredLevel.ApplicationRequired);
            recognition.AddColumn("spm_badge", ColumnType.String);
            recognition.AddColumn("spm_message", ColumnType.Memo).MaxLength = 2000;
            recognition.AddColumn("spm_opportunityid", ColumnType.Lookup).WithTargets("opportunity");
            recognition.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period");
            recognition.AddColumn("spm_occurredon", ColumnType.DateTime);

            TableMetadata feedback = m.AddTable("spm_feedbackrequest", "spm_feedbackrequestid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_feedbackrequestState");
            feedback.AddColumn("spm_requesterid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            feedback.AddColumn("spm_subjectid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            feedback.AddColumn("spm_responderid", ColumnType.Lookup).WithTargets("systemuser");
            feedback.AddColumn("spm_questions", ColumnType.Memo);
            feedback.AddColumn("spm_rating", ColumnType.Integer).Range(1, 5);
            feedback.AddColumn("spm_comment", ColumnType.Memo);
            feedback.AddColumn("spm_status", ColumnType.Picklist).WithOptions(SpmChoices.FeedbackRequested, SpmChoices.FeedbackAnswered, SpmChoices.FeedbackDeclined);
            feedback.AddColumn("spm_duedate", ColumnType.DateTime).DateOnly = true;

            TableMetadata conversation = m.AddTable("spm_teamsconversation", "spm_teamsconversationid", "spm_name", OwnershipType.OrganizationOwned);
            conversation.AddColumn("spm_userid", ColumnType.Lookup).WithTargets("systemuser");
            conversation.AddColumn("spm_teamid", ColumnType.Lookup).WithTargets("team");
            conversation.AddColumn("spm_conversationid", ColumnType.String).Required(RequiredLevel.ApplicationRequired);
            conversation.AddColumn("spm_serviceurl", ColumnType.String).Required(RequiredLevel.ApplicationRequired);
            conversation.AddColumn("spm_tenantid", ColumnType.String);
            conversation.WithAlternateKey("spm_conversationid", "spm_conversationid");
        }
    }

    /// <summary>Option values of the SPM choice columns in <see cref="DataverseMetadata.Default"/>.</summary>
    public static class SpmChoices
    {
        public const int PeriodMonth = 100000000;
        public const int PeriodQuarter = 100000001;
        public const int PeriodYear = 100000002;
        public const int PeriodOpen = 100000000;
        public const int PeriodLocked = 100000001;
        public const int PeriodPaid = 100000002;
        public const int MeasureRevenue = 100000000;
        public const int MeasureMargin = 100000001;
        public const int MeasureUnits = 100000002;
        public const int MeasureDealCount = 100000003;
        public const int SplitRevenue = 100000000;
        public const int SplitOverlay = 100000001;
        public const int CreditOwner = 100000000;
        public const int CreditSplit = 100000001;
        public const int CreditOverlay = 100000002;
        public const int CreditRollUp = 100000003;
        public const int StatementDraft = 1;
        public const int StatementApproved = 100000000;
        public const int StatementPaid = 100000001;
        public const int LineCommission = 100000000;
        public const int LineBonus = 100000001;
        public const int LineAdjustment = 100000002;
        public const int LineDraw = 100000003;
        public const int LineClawback = 100000004;
        public const int RecognitionMilestone = 100000000;
        public const int RecognitionKudos = 100000001;
        public const int FeedbackRequested = 100000000;
        public const int FeedbackAnswered = 100000001;
        public const int FeedbackDeclined = 100000002;
    }
}
