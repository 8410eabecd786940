using System;

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

        /// <summary>0x80040233</summary>
        public const int InvalidState = -2147220941;

        /// <summary>0x80040265</summary>
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
    }
}
