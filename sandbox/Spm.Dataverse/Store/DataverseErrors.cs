using System;
using System.Collections.Generic;

namespace Spm.Dataverse.Store
{
    /// <summary>
    /// Dataverse error codes (OrganizationServiceFault.ErrorCode) the in-memory organization raises, with the platform's
    /// message wording where it is known. Codes are the published values (e.g. ObjectDoesNotExist 0x80040217).
    /// </summary>
    public static class DataverseErrors
    {
        /// <summary>0x80040200</summary>
        public const int RequiredFieldMissing = -2147220992;

        /// <summary>0x80040201</summary>
        public const int InvalidXml = -2147220991;

        /// <summary>0x80040203</summary>
        public const int InvalidArgument = -2147220989;

        /// <summary>0x80040217</summary>
        public const int ObjectDoesNotExist = -2147220969;

        /// <summary>0x80040237</summary>
        public const int DuplicateRecord = -2147220937;

        /// <summary>0x80040227: a Restrict relationship refused the delete of a row other rows reference.</summary>
        public const int CannotDeleteDueToAssociation = -2147220953;

        /// <summary>0x8004431A: a choice value that is not one of the column's options.</summary>
        public const int PicklistValueOutOfRange = -2147204326;

        /// <summary>0x8004432F: a whole number outside the column's MinValue/MaxValue.</summary>
        public const int IntegerValueOutOfRange = -2147204305;

        /// <summary>0x80044330: a decimal, floating point or currency value outside the column's MinValue/MaxValue.</summary>
        public const int DecimalValueOutOfRange = -2147204304;

        /// <summary>0x80044331: a text value longer than the column's MaxLength.</summary>
        public const int StringLengthTooLong = -2147204303;

        /// <summary>0x80060892: two rows would share the values of an alternate key.</summary>
        public const int DuplicateRecordEntityKey = -2147088238;

        /// <summary>0x80040233</summary>
        public const int InvalidState = -2147220941;

        /// <summary>0x80040219</summary>
        public const int NotImplemented = -2147220967;

        /// <summary>0x80041102</summary>
        public const int QueryBuilderNoEntity = -2147217150;

        /// <summary>0x80041103</summary>
        public const int QueryBuilderNoAttribute = -2147217149;

        /// <summary>0x80041107</summary>
        public const int QueryBuilderAttributeWithAggregate = -2147217145;

        /// <summary>0x8004110B</summary>
        public const int QueryBuilderNoAlias = -2147217141;

        /// <summary>0x80041120</summary>
        public const int QueryBuilderInvalidConditionOperator = -2147217120;

        /// <summary>0x80048408</summary>
        public const int InvalidStateCodeStatusCode = -2147187704;

        /// <summary>0x80060882</summary>
        public const int ConcurrencyVersionMismatch = -2147088254;

        /// <summary>0x8006088D</summary>
        public const int ConcurrencyVersionNotProvided = -2147088243;

        public static DataverseFaultException UnknownTable(string? logicalName) =>
            new DataverseFaultException(QueryBuilderNoEntity, $"The entity with a name = '{logicalName}' with namemapping = 'Logical' was not found in the MetadataCache.");

        public static DataverseFaultException UnknownAttribute(string table, string? attribute) =>
            new DataverseFaultException(QueryBuilderNoAttribute, $"'{table}' entity doesn't contain attribute with Name = '{attribute}' and NameMapping = 'Logical'.");

        public static DataverseFaultException DoesNotExist(string table, Guid id) =>
            new DataverseFaultException(ObjectDoesNotExist, $"{table} With Id = {id} Does Not Exist");

        public static DataverseFaultException Argument(string message) => new DataverseFaultException(InvalidArgument, message);

        /// <summary>The platform's duplicate alternate key fault; the values and the row holding them go to TraceText, which Dataverse keeps out of the message.</summary>
        public static DataverseFaultException DuplicateKey(string table, string keyName, IReadOnlyList<string> columns, string values, Guid existingId)
        {
            var fault = new DataverseFaultException(
                DuplicateRecordEntityKey,
                $"A record that has the attribute values {string.Join(", ", columns)} already exists. The entity key {keyName} requires that this set of attributes contains unique values. Select unique values and try again.");
            fault.Fault.TraceText = $"{table} key {keyName} ({values}) is already used by {table} {existingId:D}.";
            return fault;
        }

        public static DataverseFaultException RestrictedDelete(string table, Guid id, string childTable, string relationship, string lookup, int count) =>
            new DataverseFaultException(
                CannotDeleteDueToAssociation,
                $"The object you tried to delete is associated with another object and cannot be deleted. {table} With Id = {id} is referenced by {count} {childTable} " +
                $"record(s) through relationship {relationship} ({childTable}.{lookup}), whose delete behaviour is Restrict.");
    }
}
