using System;

namespace Spm.Dataverse.Registration
{
    /// <summary>The names of the messages the SPM plugins handle, as the sdkmessage records name them.</summary>
    public static class MessageNames
    {
        public const string Create = "Create";
        public const string Update = "Update";
        public const string Delete = "Delete";
        public const string Assign = "Assign";
        public const string Retrieve = "Retrieve";
        public const string RetrieveMultiple = "RetrieveMultiple";
        public const string SetState = "SetState";
        public const string SetStateDynamicEntity = "SetStateDynamicEntity";

        /// <summary>WinOpportunityRequest; the primary entity is opportunity.</summary>
        public const string Win = "Win";

        /// <summary>LoseOpportunityRequest; the primary entity is opportunity.</summary>
        public const string Lose = "Lose";

        /// <summary>The message an OrganizationRequest raises: WinOpportunity and LoseOpportunity raise Win and Lose.</summary>
        public static string FromRequestName(string requestName)
        {
            if (string.Equals(requestName, "WinOpportunity", StringComparison.OrdinalIgnoreCase))
            {
                return Win;
            }

            if (string.Equals(requestName, "LoseOpportunity", StringComparison.OrdinalIgnoreCase))
            {
                return Lose;
            }

            return requestName;
        }
    }

    /// <summary>
    /// What a message allows in a step registration: images (and under which message property), filtering attributes,
    /// and whether the primary entity is fixed. Follows the Plug-in Registration Tool and the platform's own checks.
    /// </summary>
    public sealed class MessageRules
    {
        private MessageRules(string? imagePropertyName, bool preImage, bool postImage, bool filteringAttributes, string? fixedPrimaryEntity)
        {
            ImagePropertyName = imagePropertyName;
            SupportsPreImage = preImage;
            SupportsPostImage = postImage;
            SupportsFilteringAttributes = filteringAttributes;
            FixedPrimaryEntity = fixedPrimaryEntity;
        }

        /// <summary>The MessagePropertyName an image must name (Target, Id, EntityMoniker), or null when the message has no images.</summary>
        public string? ImagePropertyName { get; }

        public bool SupportsPreImage { get; }

        public bool SupportsPostImage { get; }

        public bool SupportsImages => SupportsPreImage || SupportsPostImage;

        public bool SupportsFilteringAttributes { get; }

        /// <summary>The only primary entity the message has (opportunity for Win and Lose), or null.</summary>
        public string? FixedPrimaryEntity { get; }

        public static MessageRules For(string messageName)
        {
            switch (messageName)
            {
                case MessageNames.Create:
                    // There is nothing before a create: a Create step has a post-image only, named by the "Id" output.
                    return new MessageRules("Id", preImage: false, postImage: true, filteringAttributes: false, null);
                case MessageNames.Update:
                    return new MessageRules("Target", preImage: true, postImage: true, filteringAttributes: true, null);
                case MessageNames.Delete:
                    // Nothing is left after a delete: pre-image only.
                    return new MessageRules("Target", preImage: true, postImage: false, filteringAttributes: false, null);
                case MessageNames.Assign:
                    return new MessageRules("Target", preImage: true, postImage: true, filteringAttributes: false, null);
                case MessageNames.SetState:
                case MessageNames.SetStateDynamicEntity:
                    return new MessageRules("EntityMoniker", preImage: true, postImage: true, filteringAttributes: false, null);
                case MessageNames.Win:
                case MessageNames.Lose:
                    // InputParameters are OpportunityClose and Status; there is no Target to take an image of.
                    return new MessageRules(null, preImage: false, postImage: false, filteringAttributes: false, "opportunity");
                default:
                    // Retrieve, RetrieveMultiple, custom APIs: no images.
                    return new MessageRules(null, preImage: false, postImage: false, filteringAttributes: false, null);
            }
        }
    }
}
