using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Metadata
{
    /// <summary>
    /// The schema: the Dataverse platform's own tables the SPM suite touches, defined here (no solution ships them), and
    /// the SPM tables and the spm_ columns of platform tables, read from the unpacked solution (solution/Entities,
    /// OptionSets, Other/Relationships) that is embedded in this assembly at build, so the simulator runs exactly what
    /// gets deployed.
    /// SPM columns that the business requires are ApplicationRequired (custom columns cannot be SystemRequired in
    /// Dataverse, and the platform does not enforce ApplicationRequired); set
    /// <see cref="Store.InMemoryOrganization.EnforceApplicationRequired"/> to have the store enforce them too.
    /// </summary>
    public sealed partial class DataverseMetadata
    {
        /// <summary>A fresh copy of the default schema (each call builds a new instance, so tests may extend it freely).</summary>
        public static DataverseMetadata Default() => WithSolution(SolutionSchemaReader.Embedded);

        /// <summary>
        /// The platform's tables with the SPM tables of the unpacked solution in <paramref name="folder"/> (the folder
        /// holding Entities/, OptionSets/ and Other/), read now: what <see cref="Default"/> gives for a solution being edited.
        /// </summary>
        public static DataverseMetadata FromSolution(string folder) => WithSolution(SolutionSchemaReader.ReadFolder(folder));

        private static DataverseMetadata WithSolution(SolutionSchema solution)
        {
            var m = new DataverseMetadata();
            AddSystemTables(m);
            AddPluginRegistrationTables(m);
            AddSalesTables(m);
            solution.ApplyTo(m);
            AddSystemJobs(m);
            return m;
        }

        /// <summary>
        /// System jobs (asyncoperation): the pipeline keeps a failed asynchronous step here, visible with its error, as the
        /// platform does. Added last, since a job can regard a row of any table.
        /// </summary>
        private static void AddSystemJobs(DataverseMetadata m)
        {
            string[] regarding = m.Tables.Select(t => t.LogicalName).Order(System.StringComparer.Ordinal).ToArray();
            TableMetadata job = m.AddTable("asyncoperation", "asyncoperationid", "name", OwnershipType.UserOwned)
                .WithStates(
                    "AsyncOperationState",
                    new StateDefinition(0, "Ready", new[] { AsyncOperationStatus.WaitingForResources }),
                    new StateDefinition(1, "Suspended", new[] { AsyncOperationStatus.Waiting }),
                    new StateDefinition(2, "Locked", new[] { AsyncOperationStatus.InProgress, AsyncOperationStatus.Pausing, AsyncOperationStatus.Canceling }),
                    new StateDefinition(3, "Completed", new[] { AsyncOperationStatus.Succeeded, AsyncOperationStatus.Failed, AsyncOperationStatus.Canceled }));
            job.FindColumn("name")!.MaxLength = 256;
            job.AddColumn("operationtype", ColumnType.Picklist).WithOption(AsyncOperationStatus.SystemEventOperationType, "System Event");
            job.AddColumn("messagename", ColumnType.String).MaxLength = 160;
            job.AddColumn("primaryentitytype", ColumnType.String).MaxLength = 64;
            job.AddColumn("regardingobjectid", ColumnType.Lookup).WithTargets(regarding);
            job.AddColumn("message", ColumnType.Memo);
            job.AddColumn("friendlymessage", ColumnType.Memo);
            job.AddColumn("errorcode", ColumnType.Integer);
            job.AddColumn("correlationid", ColumnType.Uniqueidentifier);
            job.AddColumn("depth", ColumnType.Integer);
            job.AddColumn("retrycount", ColumnType.Integer);
            job.AddColumn("startedon", ColumnType.DateTime);
            job.AddColumn("completedon", ColumnType.DateTime);
            foreach (int status in job.States.SelectMany(s => s.Statuses))
            {
                job.FindColumn("statuscode")!.WithOption(status, AsyncOperationStatus.Label(status));
            }
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

            TableMetadata team = m.AddTable("team", "teamid", "name", OwnershipType.OrganizationOwned);
            team.FindColumn("name")!.Required();
            team.AddColumn("businessunitid", ColumnType.Lookup).WithTargets("businessunit");
            team.AddColumn("administratorid", ColumnType.Lookup).WithTargets("systemuser");
            team.AddColumn("teamtype", ColumnType.Picklist).WithOptions(0, 1, 2, 3); // Owner, Access, Security Group, Office Group
            team.AddColumn("azureactivedirectoryobjectid", ColumnType.Uniqueidentifier);

            // Security roles and their assignment (the systemuserroles intersect table keeps plain ids, as in Dataverse).
            TableMetadata role = m.AddTable("role", "roleid", "name", OwnershipType.OrganizationOwned);
            role.FindColumn("name")!.Required();
            role.AddColumn("businessunitid", ColumnType.Lookup).WithTargets("businessunit");
            role.AddColumn("parentrootroleid", ColumnType.Lookup).WithTargets("role");
            role.AddColumn("roletemplateid", ColumnType.Lookup).WithTargets("roletemplate");
            m.AddTable("roletemplate", "roletemplateid", "name", OwnershipType.OrganizationOwned);

            TableMetadata userRoles = m.AddTable("systemuserroles", "systemuserroleid", null, OwnershipType.OrganizationOwned);
            userRoles.EntitySetName = "systemuserrolescollection";
            userRoles.AddColumn("systemuserid", ColumnType.Uniqueidentifier).Required();
            userRoles.AddColumn("roleid", ColumnType.Uniqueidentifier).Required();

            // Team membership and the roles a team holds, which its members hold too (both intersect tables keep plain ids).
            TableMetadata membership = m.AddTable("teammembership", "teammembershipid", null, OwnershipType.OrganizationOwned);
            membership.AddColumn("teamid", ColumnType.Uniqueidentifier).Required();
            membership.AddColumn("systemuserid", ColumnType.Uniqueidentifier).Required();

            TableMetadata teamRoles = m.AddTable("teamroles", "teamroleid", null, OwnershipType.OrganizationOwned);
            teamRoles.EntitySetName = "teamrolescollection";
            teamRoles.AddColumn("teamid", ColumnType.Uniqueidentifier).Required();
            teamRoles.AddColumn("roleid", ColumnType.Uniqueidentifier).Required();

            // Field security profiles and who holds them, directly or through a team (intersect tables with plain ids).
            m.AddTable("fieldsecurityprofile", "fieldsecurityprofileid", "name", OwnershipType.OrganizationOwned).FindColumn("name")!.Required();
            TableMetadata userProfiles = m.AddTable("systemuserprofiles", "systemuserprofileid", null, OwnershipType.OrganizationOwned);
            userProfiles.EntitySetName = "systemuserprofilescollection";
            userProfiles.AddColumn("systemuserid", ColumnType.Uniqueidentifier).Required();
            userProfiles.AddColumn("fieldsecurityprofileid", ColumnType.Uniqueidentifier).Required();
            TableMetadata teamProfiles = m.AddTable("teamprofiles", "teamprofileid", null, OwnershipType.OrganizationOwned);
            teamProfiles.EntitySetName = "teamprofilescollection";
            teamProfiles.AddColumn("teamid", ColumnType.Uniqueidentifier).Required();
            teamProfiles.AddColumn("fieldsecurityprofileid", ColumnType.Uniqueidentifier).Required();

            // Shares (GrantAccess): one row per record and principal with the rights it was given.
            TableMetadata access = m.AddTable("principalobjectaccess", "principalobjectaccessid", null, OwnershipType.OrganizationOwned);
            access.EntitySetName = "principalobjectaccessset";
            access.AddColumn("objectid", ColumnType.Uniqueidentifier).Required();
            access.AddColumn("objecttypecode", ColumnType.String).Required();
            access.AddColumn("principalid", ColumnType.Uniqueidentifier).Required();
            access.AddColumn("principaltypecode", ColumnType.String).Required();
            access.AddColumn("accessrightsmask", ColumnType.Integer);

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

        /// <summary>
        /// The plug-in registration tables register-steps reads and writes through the Web API (organization-owned, as in
        /// Dataverse, so only roles granting them at Global, i.e. System Administrator here, may touch them). Option values are
        /// the table reference's: stage 10/20/40, mode 0 sync / 1 async, statecode 0 Enabled (1) / 1 Disabled (2).
        /// </summary>
        private static void AddPluginRegistrationTables(DataverseMetadata m)
        {
            m.AddTable("pluginassembly", "pluginassemblyid", "name", OwnershipType.OrganizationOwned);
            TableMetadata type = m.AddTable("plugintype", "plugintypeid", "name", OwnershipType.OrganizationOwned);
            type.AddColumn("typename", ColumnType.String);
            type.AddColumn("pluginassemblyid", ColumnType.Lookup).WithTargets("pluginassembly");
            m.AddTable("serviceendpoint", "serviceendpointid", "name", OwnershipType.OrganizationOwned);

            m.AddTable("sdkmessage", "sdkmessageid", "name", OwnershipType.OrganizationOwned);
            TableMetadata filter = m.AddTable("sdkmessagefilter", "sdkmessagefilterid", "name", OwnershipType.OrganizationOwned);
            filter.AddColumn("sdkmessageid", ColumnType.Lookup).WithTargets("sdkmessage");
            filter.AddColumn("primaryobjecttypecode", ColumnType.String); // an EntityName column: the table's logical name

            TableMetadata step = m.AddTable("sdkmessageprocessingstep", "sdkmessageprocessingstepid", "name", OwnershipType.OrganizationOwned)
                .WithStates("SdkMessageProcessingStepState", new StateDefinition(0, "Enabled", new[] { 1 }), new StateDefinition(1, "Disabled", new[] { 2 }));
            step.AddColumn("description", ColumnType.String).MaxLength = 256;
            step.AddColumn("stage", ColumnType.Picklist).WithOptions(10, 20, 40);
            step.AddColumn("mode", ColumnType.Picklist).WithOptions(0, 1);
            step.AddColumn("rank", ColumnType.Integer);
            step.AddColumn("asyncautodelete", ColumnType.Boolean);
            step.AddColumn("filteringattributes", ColumnType.Memo);
            step.AddColumn("configuration", ColumnType.Memo);
            step.AddColumn("supporteddeployment", ColumnType.Picklist).WithOptions(0, 1, 2);
            step.AddColumn("invocationsource", ColumnType.Picklist).WithOptions(-1, 0, 1);
            step.AddColumn("sdkmessageid", ColumnType.Lookup).WithTargets("sdkmessage");
            step.AddColumn("sdkmessagefilterid", ColumnType.Lookup).WithTargets("sdkmessagefilter");
            step.AddColumn("eventhandler", ColumnType.Lookup).WithTargets("plugintype", "serviceendpoint"); // polymorphic: navigation eventhandler_plugintype
            step.AddColumn("plugintypeid", ColumnType.Lookup).WithTargets("plugintype");
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
    }
}
