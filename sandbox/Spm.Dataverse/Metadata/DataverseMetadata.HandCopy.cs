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
    public sealed partial class DataverseMetadata // TEMPORARY: the hand copy, until the equivalence test passes
    {
        /// <summary>A fresh copy of the default schema (each call builds a new instance, so tests may extend it freely).</summary>
        internal static DataverseMetadata HandCopy()
        {
            var m = new DataverseMetadata();
            AddSystemTables(m);
            AddSalesTables(m);
            m.GetTable("systemuser").AddColumn("spm_salesteam", ColumnType.String).MaxLength = 100;
            m.GetTable("systemuser").AddColumn("spm_territory", ColumnType.String).MaxLength = 100;
            m.GetTable("systemuser").AddColumn("spm_hiredate", ColumnType.DateTime).DateOnly = true;
            m.GetTable("systemuser").AddColumn("spm_isparticipant", ColumnType.Boolean);
            m.GetTable("opportunity").AddColumn("spm_margin", ColumnType.Money);
            m.GetTable("opportunity").AddColumn("spm_units", ColumnType.Decimal).Range(0m, 100000000000m);
            m.GetTable("opportunity").AddColumn("spm_category", ColumnType.String).MaxLength = 100;
            m.GetTable("opportunity").AddColumn("spm_dealnumber", ColumnType.String);
            AddSpmTables(m);
            ApplyNewColumnDefaults(m);
            AddSpmRelationships(m);

            // The one difference found: the hand copy never carried the decimal columns' precision (Accuracy) that solution/Entities declares.
            foreach ((string table, string column, int precision) in new[]
            {
                ("opportunity", "spm_units", 4), ("spm_plancomponent", "spm_thresholdpercent", 4), ("spm_plancomponent", "spm_attainmentcappercent", 4),
                ("spm_plantier", "spm_frompercent", 4), ("spm_plantier", "spm_topercent", 4), ("spm_plantier", "spm_rate", 4),
                ("spm_quota", "spm_amount", 4), ("spm_quota", "spm_adjustmentdelta", 4), ("spm_creditsplit", "spm_percent", 4),
                ("spm_credit", "spm_share", 4), ("spm_credit", "spm_units", 4), ("spm_statement", "spm_attainmentpercent", 4),
                ("spm_statement", "spm_creditedrevenue", 10), ("spm_statement", "spm_creditedmargin", 10), ("spm_statement", "spm_creditedunits", 10),
                ("spm_statement", "spm_crediteddeals", 10), ("spm_recognition", "spm_value", 4), ("spm_attainment", "spm_attainmentpercent", 4),
                ("spm_attainment", "spm_pacepercent", 4), ("spm_attainment", "spm_projectedpercent", 4), ("spm_statementline", "spm_rate", 4),
            })
            {
                m.GetColumn(table, column).Precision = precision;
            }

            return m;
        }

        /// <summary>
        /// Lengths and ranges Dataverse gives a new column when the maker leaves them alone (the values solution/Entities
        /// carries for those columns): single line of text 100, multiple lines 2000, whole number the Int32 range, decimal
        /// ±100,000,000,000, currency ±922,337,203,685,477. Only spm_ columns without an explicit value get them.
        /// </summary>
        private static void ApplyNewColumnDefaults(DataverseMetadata m)
        {
            foreach (TableMetadata table in m.Tables)
            {
                foreach (ColumnMetadata column in table.Columns)
                {
                    bool spm = table.LogicalName.StartsWith("spm_", System.StringComparison.Ordinal) || column.LogicalName.StartsWith("spm_", System.StringComparison.Ordinal);
                    if (!spm || column.IsComputed || column.LogicalName == table.PrimaryIdAttribute)
                    {
                        continue;
                    }

                    switch (column.Type)
                    {
                        case ColumnType.String:
                            column.MaxLength ??= 100;
                            break;
                        case ColumnType.Memo:
                            column.MaxLength ??= 2000;
                            break;
                        case ColumnType.Integer when column.MinValue is null && column.MaxValue is null:
                            column.Range(int.MinValue, int.MaxValue);
                            break;
                        case ColumnType.Decimal when column.MinValue is null && column.MaxValue is null:
                            column.Range(-100000000000m, 100000000000m);
                            break;
                        case ColumnType.Money when column.MinValue is null && column.MaxValue is null:
                            column.Range(-922337203685477m, 922337203685477m);
                            break;
                    }
                }
            }
        }

        /// <summary>The SPM one-to-many relationships with the delete behaviour of solution/Other/Relationships (parents' ledger and history are kept: Restrict or RemoveLink; a plan's or statement's own parts cascade).</summary>
        private static void AddSpmRelationships(DataverseMetadata m)
        {
            const CascadeDeleteBehavior Cascade = CascadeDeleteBehavior.Cascade;
            const CascadeDeleteBehavior RemoveLink = CascadeDeleteBehavior.RemoveLink;
            const CascadeDeleteBehavior Restrict = CascadeDeleteBehavior.Restrict;
            (string Parent, string Child, string Lookup, CascadeDeleteBehavior Delete)[] relationships =
            {
                ("opportunity", "spm_credit", "spm_opportunityid", RemoveLink),
                ("opportunity", "spm_creditsplit", "spm_opportunityid", RemoveLink),
                ("opportunity", "spm_recognition", "spm_opportunityid", RemoveLink),
                ("systemuser", "spm_adjustment", "spm_participantid", RemoveLink),
                ("systemuser", "spm_attainment", "spm_participantid", RemoveLink),
                ("systemuser", "spm_credit", "spm_participantid", RemoveLink),
                ("systemuser", "spm_creditsplit", "spm_participantid", RemoveLink),
                ("systemuser", "spm_feedbackrequest", "spm_requesterid", RemoveLink),
                ("systemuser", "spm_feedbackrequest", "spm_responderid", RemoveLink),
                ("systemuser", "spm_feedbackrequest", "spm_subjectid", RemoveLink),
                ("systemuser", "spm_planacknowledgement", "spm_participantid", RemoveLink),
                ("systemuser", "spm_planassignment", "spm_participantid", RemoveLink),
                ("systemuser", "spm_quota", "spm_participantid", RemoveLink),
                ("systemuser", "spm_recognition", "spm_participantid", RemoveLink),
                ("systemuser", "spm_statement", "spm_approvedby", RemoveLink),
                ("systemuser", "spm_statement", "spm_participantid", RemoveLink),
                ("systemuser", "spm_teamsconversation", "spm_userid", RemoveLink),
                ("team", "spm_teamsconversation", "spm_teamid", RemoveLink),
                ("spm_compplan", "spm_planacknowledgement", "spm_compplanid", Restrict),
                ("spm_compplan", "spm_planassignment", "spm_compplanid", Restrict),
                ("spm_compplan", "spm_plancomponent", "spm_compplanid", Cascade),
                ("spm_compplan", "spm_spiff", "spm_compplanid", Cascade),
                ("spm_compplan", "spm_statement", "spm_compplanid", Restrict),
                ("spm_credit", "spm_statementline", "spm_creditid", Restrict),
                ("spm_inquiry", "spm_adjustment", "spm_inquiryid", Restrict),
                ("spm_period", "spm_adjustment", "spm_periodid", Restrict),
                ("spm_period", "spm_adjustment", "spm_sourceperiodid", Restrict),
                ("spm_period", "spm_attainment", "spm_periodid", Restrict),
                ("spm_period", "spm_quota", "spm_periodid", Restrict),
                ("spm_period", "spm_statement", "spm_periodid", Restrict),
                ("spm_plancomponent", "spm_plantier", "spm_plancomponentid", Cascade),
                ("spm_statement", "spm_statementline", "spm_statementid", Cascade),
                ("spm_statementline", "spm_inquiry", "spm_statementlineid", Restrict),
            };

            foreach ((string parent, string child, string lookup, CascadeDeleteBehavior delete) in relationships)
            {
                // The solution's naming: spm_<parent without prefix>_<child>_<lookup without spm_>.
                string name = $"spm_{(parent.StartsWith("spm_", System.StringComparison.Ordinal) ? parent.Substring(4) : parent)}_{child}_{lookup.Substring(4)}";
                m.AddRelationship(name, parent, child, lookup, delete);
            }
        }

        /// <summary>
        /// The SPM tables. Every table and column of the plugins' contract (Spm.Plugins.Data.SpmSchema) is here with exactly
        /// its logical name and type; the other tables are the rest of the design (statement lines, adjustments, inquiries,
        /// acknowledgements, recognition feedback, Teams conversations) that the plugins do not read or write yet.
        /// </summary>
        private static void AddSpmTables(DataverseMetadata m)
        {
            // SpmSchema.Period: a fiscal month, quarter or year. spm_kind is the number of months (1, 3, 12).
            TableMetadata period = m.AddTable("spm_period", "spm_periodid", "spm_name", OwnershipType.OrganizationOwned)
                .WithActiveInactiveStates("spm_periodState");
            period.AddColumn("spm_kind", ColumnType.Picklist).WithOptions(SpmChoices.PeriodMonth, SpmChoices.PeriodQuarter, SpmChoices.PeriodYear).Required(RequiredLevel.ApplicationRequired);
            period.AddColumn("spm_fiscalyear", ColumnType.Integer).Required(RequiredLevel.ApplicationRequired).Range(1900, 2999);
            period.AddColumn("spm_number", ColumnType.Integer).Required(RequiredLevel.ApplicationRequired).Range(1, 12);
            period.AddColumn("spm_startdate", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            period.AddColumn("spm_enddate", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            period.AddColumn("spm_status", ColumnType.Picklist).WithOptions(SpmChoices.PeriodOpen, SpmChoices.PeriodLocked, SpmChoices.PeriodPaid);

            // SpmSchema.CompPlan, with its components, their rate tiers and its SPIFFs as child tables.
            TableMetadata plan = m.AddTable("spm_compplan", "spm_compplanid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_compplanState");
            plan.AddColumn("spm_rounding", ColumnType.Picklist).WithOptions(SpmChoices.RoundingCommercial, SpmChoices.RoundingBankers);
            plan.AddColumn("spm_drawamount", ColumnType.Money).Range(0m, 100000000000m);
            plan.AddColumn("spm_drawrecoverable", ColumnType.Boolean);
            plan.AddColumn("spm_clawbackdays", ColumnType.Integer).Range(0, 3650);
            plan.AddColumn("spm_effectivefrom", ColumnType.DateTime).DateOnly = true;
            plan.AddColumn("spm_effectiveto", ColumnType.DateTime).DateOnly = true;
            plan.AddColumn("spm_version", ColumnType.Integer);

            TableMetadata component = m.AddTable("spm_plancomponent", "spm_plancomponentid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_plancomponentState");
            component.AddColumn("spm_compplanid", ColumnType.Lookup).WithTargets("spm_compplan").Required(RequiredLevel.ApplicationRequired);
            component.AddColumn("spm_kind", ColumnType.Picklist).WithOptions(SpmChoices.ComponentCommission, SpmChoices.ComponentTargetIncentive).Required(RequiredLevel.ApplicationRequired);
            component.AddColumn("spm_measure", ColumnType.Picklist).WithOptions(SpmChoices.Measures).Required(RequiredLevel.ApplicationRequired);
            component.AddColumn("spm_tiermode", ColumnType.Picklist).WithOptions(SpmChoices.TierModeGraduated, SpmChoices.TierModeRetroactive);
            component.AddColumn("spm_thresholdpercent", ColumnType.Decimal).Range(0m, 1000m);
            component.AddColumn("spm_attainmentcappercent", ColumnType.Decimal).Range(0m, 10000m);
            component.AddColumn("spm_payoutcap", ColumnType.Money).Range(0m, 100000000000m);
            component.AddColumn("spm_targetincentive", ColumnType.Money).Range(0m, 100000000000m);
            component.AddColumn("spm_order", ColumnType.Integer);

            TableMetadata tier = m.AddTable("spm_plantier", "spm_plantierid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_plantierState");
            tier.AddColumn("spm_plancomponentid", ColumnType.Lookup).WithTargets("spm_plancomponent").Required(RequiredLevel.ApplicationRequired);
            tier.AddColumn("spm_frompercent", ColumnType.Decimal).Required(RequiredLevel.ApplicationRequired).Range(0m, 10000m);
            tier.AddColumn("spm_topercent", ColumnType.Decimal).Range(0m, 10000m);
            tier.AddColumn("spm_rate", ColumnType.Decimal).Required(RequiredLevel.ApplicationRequired);

            TableMetadata spiff = m.AddTable("spm_spiff", "spm_spiffid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_spiffState");
            spiff.AddColumn("spm_compplanid", ColumnType.Lookup).WithTargets("spm_compplan").Required(RequiredLevel.ApplicationRequired);
            spiff.AddColumn("spm_firstday", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            spiff.AddColumn("spm_lastday", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            spiff.AddColumn("spm_bonusperdeal", ColumnType.Money).Required(RequiredLevel.ApplicationRequired).Range(0m, 100000000000m);
            spiff.AddColumn("spm_minimumdealamount", ColumnType.Money).Range(0m, 100000000000m);
            spiff.AddColumn("spm_category", ColumnType.String).MaxLength = 100;

            // SpmSchema.PlanAssignment: a participant is on a plan from a date until the next assignment.
            TableMetadata assignment = m.AddTable("spm_planassignment", "spm_planassignmentid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_planassignmentState");
            assignment.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            assignment.AddColumn("spm_compplanid", ColumnType.Lookup).WithTargets("spm_compplan").Required(RequiredLevel.ApplicationRequired);
            assignment.AddColumn("spm_effectivefrom", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;

            // SpmSchema.Quota. spm_amount is a Decimal, not Money: a quota may be in units or deal counts.
            TableMetadata quota = m.AddTable("spm_quota", "spm_quotaid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_quotaState");
            quota.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            quota.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period").Required(RequiredLevel.ApplicationRequired);
            quota.AddColumn("spm_measure", ColumnType.Picklist).WithOptions(SpmChoices.Measures).Required(RequiredLevel.ApplicationRequired);
            quota.AddColumn("spm_amount", ColumnType.Decimal).Required(RequiredLevel.ApplicationRequired).Range(0m, 100000000000000m);
            quota.AddColumn("spm_ramp", ColumnType.String).MaxLength = 200;  // percents of the quota by month since hire, e.g. "50;75;100"
            quota.AddColumn("spm_adjustmentdelta", ColumnType.Decimal);
            quota.AddColumn("spm_adjustmentdate", ColumnType.DateTime).DateOnly = true;
            quota.AddColumn("spm_adjustmentreason", ColumnType.String).MaxLength = 500;
            quota.WithAlternateKey("spm_participant_period_measure", "spm_participantid", "spm_periodid", "spm_measure");

            // SpmSchema.CreditSplit.
            TableMetadata split = m.AddTable("spm_creditsplit", "spm_creditsplitid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_creditsplitState");
            split.AddColumn("spm_opportunityid", ColumnType.Lookup).WithTargets("opportunity").Required(RequiredLevel.ApplicationRequired);
            split.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            split.AddColumn("spm_percent", ColumnType.Decimal).Required(RequiredLevel.ApplicationRequired).Range(0m, 1000m);
            split.AddColumn("spm_kind", ColumnType.Picklist).WithOptions(SpmChoices.SplitRevenue, SpmChoices.SplitOverlay).Required(RequiredLevel.ApplicationRequired);

            // SpmSchema.Credit: the append-only credit ledger. A reversal is a new row naming the sequence it reverses.
            TableMetadata credit = m.AddTable("spm_credit", "spm_creditid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_creditState");
            credit.AddColumn("spm_sequence", ColumnType.Integer).Required(RequiredLevel.ApplicationRequired);
            credit.AddColumn("spm_opportunityid", ColumnType.Lookup).WithTargets("opportunity");
            credit.AddColumn("spm_dealkey", ColumnType.String).Required(RequiredLevel.ApplicationRequired).MaxLength = 100;
            credit.AddColumn("spm_dealname", ColumnType.String).MaxLength = 200;
            credit.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            credit.AddColumn("spm_kind", ColumnType.Picklist).WithOptions(SpmChoices.CreditKinds).Required(RequiredLevel.ApplicationRequired);
            credit.AddColumn("spm_share", ColumnType.Decimal);
            credit.AddColumn("spm_creditdate", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            credit.AddColumn("spm_revenue", ColumnType.Money);
            credit.AddColumn("spm_margin", ColumnType.Money);
            credit.AddColumn("spm_units", ColumnType.Decimal);
            credit.AddColumn("spm_dealamount", ColumnType.Money);
            credit.AddColumn("spm_category", ColumnType.String).MaxLength = 100;
            credit.AddColumn("spm_reversalofsequence", ColumnType.Integer);
            credit.AddColumn("spm_postedon", ColumnType.DateTime).Required(RequiredLevel.ApplicationRequired).DateOnly = true;
            // Sequences are per participant; the deal-first key is also the index that finds a deal's rows (by its text key, kept after a delete).
            credit.WithAlternateKey("spm_participant_sequence", "spm_participantid", "spm_sequence");
            credit.WithAlternateKey("spm_deal_participant_sequence", "spm_dealkey", "spm_participantid", "spm_sequence");

            // SpmSchema.LedgerState: one row per participant (id = the systemuserid), the lock a posting takes last; and the configuration row.
            TableMetadata ledgerState = m.AddTable("spm_ledgerstate", "spm_ledgerstateid", "spm_name", OwnershipType.OrganizationOwned);
            ledgerState.AddColumn("spm_configversion", ColumnType.String).MaxLength = 100;
            ledgerState.AddColumn("spm_lockedby", ColumnType.String).MaxLength = 100;

            // SpmSchema.Statement: one per participant and period, rewritten on each recalculation until frozen.
            TableMetadata statement = m.AddTable("spm_statement", "spm_statementid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithStates(
                    "spm_statementState",
                    new StateDefinition(0, "Active", new[] { SpmChoices.StatementDraft, SpmChoices.StatementApproved }),
                    new StateDefinition(1, "Inactive", new[] { SpmChoices.StatementPaid, 2 }));
            statement.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            statement.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period").Required(RequiredLevel.ApplicationRequired);
            statement.AddColumn("spm_compplanid", ColumnType.Lookup).WithTargets("spm_compplan");
            statement.AddColumn("spm_measure", ColumnType.Picklist).WithOptions(SpmChoices.Measures);
            statement.AddColumn("spm_credited", ColumnType.Money);
            statement.AddColumn("spm_quota", ColumnType.Money);
            statement.AddColumn("spm_attainmentpercent", ColumnType.Decimal);
            statement.AddColumn("spm_earned", ColumnType.Money);
            statement.AddColumn("spm_totalpayable", ColumnType.Money);
            statement.AddColumn("spm_drawbalance", ColumnType.Money);
            statement.AddColumn("spm_ledgersequence", ColumnType.Integer);
            statement.AddColumn("spm_frozen", ColumnType.Boolean);
            statement.AddColumn("spm_recalculatedon", ColumnType.DateTime);  // date and time
            statement.AddColumn("spm_approvedby", ColumnType.Lookup).WithTargets("systemuser");
            statement.AddColumn("spm_approvedon", ColumnType.DateTime);
            statement.AddColumn("spm_acknowledgedon", ColumnType.DateTime);

            // The statement's totals snapshot (base currency) as of spm_ledgersequence: a later change folds only newer rows.
            statement.AddColumn("spm_creditedrevenue", ColumnType.Decimal);
            statement.AddColumn("spm_creditedmargin", ColumnType.Decimal);
            statement.AddColumn("spm_creditedunits", ColumnType.Decimal);
            statement.AddColumn("spm_crediteddeals", ColumnType.Decimal);
            statement.AddColumn("spm_spiffshares", ColumnType.Memo).MaxLength = 4000;
            statement.AddColumn("spm_spiffbasis", ColumnType.Memo).MaxLength = 4000;
            statement.WithAlternateKey("spm_participant_period", "spm_participantid", "spm_periodid");

            // SpmSchema.Recognition: milestones the engine detects. spm_periodname is the period id text (e.g. FY26-Q1).
            TableMetadata recognition = m.AddTable("spm_recognition", "spm_recognitionid", "spm_name", OwnershipType.UserOwned)
                .WithActiveInactiveStates("spm_recognitionState");
            recognition.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            recognition.AddColumn("spm_kind", ColumnType.Picklist).WithOptions(SpmChoices.RecognitionKinds).Required(RequiredLevel.ApplicationRequired);
            recognition.AddColumn("spm_periodname", ColumnType.String).MaxLength = 100;
            recognition.AddColumn("spm_detail", ColumnType.Memo).MaxLength = 2000;
            recognition.AddColumn("spm_opportunityid", ColumnType.Lookup).WithTargets("opportunity");
            recognition.AddColumn("spm_value", ColumnType.Decimal);
            recognition.AddColumn("spm_dedupkey", ColumnType.String).MaxLength = 400;

            // Not in SpmSchema yet: a participant's attainment snapshot, named like the statement's columns.
            TableMetadata attainment = m.AddTable("spm_attainment", "spm_attainmentid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_attainmentState");
            attainment.AddColumn("spm_participantid", ColumnType.Lookup).WithTargets("systemuser").Required(RequiredLevel.ApplicationRequired);
            attainment.AddColumn("spm_periodid", ColumnType.Lookup).WithTargets("spm_period").Required(RequiredLevel.ApplicationRequired);
            attainment.AddColumn("spm_measure", ColumnType.Picklist).WithOptions(SpmChoices.Measures);
            attainment.AddColumn("spm_quota", ColumnType.Money);
            attainment.AddColumn("spm_credited", ColumnType.Money);
            attainment.AddColumn("spm_attainmentpercent", ColumnType.Decimal);
            attainment.AddColumn("spm_pacepercent", ColumnType.Decimal);
            attainment.AddColumn("spm_projectedpercent", ColumnType.Decimal);
            attainment.AddColumn("spm_earned", ColumnType.Money);
            attainment.AddColumn("spm_recalculatedon", ColumnType.DateTime);

            // Not in SpmSchema yet: the lines of a statement (spm_linetype in Spm.Domain.Statements.StatementLineKind order).
            TableMetadata line = m.AddTable("spm_statementline", "spm_statementlineid", "spm_name", OwnershipType.UserOwned).WithCurrency()
                .WithActiveInactiveStates("spm_statementlineState");
            line.AddColumn("spm_statementid", ColumnType.Lookup).WithTargets("spm_statement").Required(RequiredLevel.ApplicationRequired);
            line.AddColumn("spm_creditid", ColumnType.Lookup).WithTargets("spm_credit");
            line.AddColumn("spm_sequence", ColumnType.Integer);
            line.AddColumn("spm_linetype", ColumnType.Picklist).WithOptions(SpmChoices.LineKinds);
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
}
