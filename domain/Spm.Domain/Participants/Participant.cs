using System;
using Spm.Domain.Internal;

namespace Spm.Domain.Participants
{
    /// <summary>
    /// A rep or manager who carries a quota (a Dataverse systemuser). An inactive participant (a disabled user, or one
    /// whose spm_isparticipant is false) is still part of the hierarchy, keeps their ledger rows and statements, and
    /// their team's deals still roll up to the managers above them; they earn no new credit (see
    /// <see cref="Credits.CreditAllocator.Allocate"/>).
    /// </summary>
    public sealed record Participant
    {
        /// <summary>An active participant.</summary>
        public Participant(string id, string name, string? managerId, string team, string territory, string currencyCode, DateTime hireDate)
            : this(id, name, managerId, team, territory, currencyCode, hireDate, true)
        {
        }

        /// <param name="isActive">False for a disabled user (systemuser.isdisabled) or one whose spm_isparticipant is false.</param>
        public Participant(string id, string name, string? managerId, string team, string territory, string currencyCode, DateTime hireDate, bool isActive)
        {
            IsActive = isActive;
            Id = Preconditions.NotBlank(id, "Participant.Id");
            Name = Preconditions.NotBlank(name, "Participant.Name");
            Preconditions.Require(managerId == null || !string.Equals(managerId, id, StringComparison.Ordinal), "Participant.ManagerId", managerId, $"Participant {name} cannot be their own manager.");
            ManagerId = string.IsNullOrWhiteSpace(managerId) ? null : managerId;
            Team = Preconditions.NotBlank(team, "Participant.Team");
            Territory = territory ?? string.Empty;
            CurrencyCode = Preconditions.NotBlank(currencyCode, "Participant.CurrencyCode").ToUpperInvariant();
            HireDate = Preconditions.DateOnly(hireDate, "Participant.HireDate");
        }

        public string Id { get; }

        public string Name { get; }

        public string? ManagerId { get; }

        public string Team { get; }

        public string Territory { get; }

        public string CurrencyCode { get; }

        public DateTime HireDate { get; }

        /// <summary>False for a disabled user or one who is not an SPM participant: new deals credit them nothing.</summary>
        public bool IsActive { get; }
    }
}
