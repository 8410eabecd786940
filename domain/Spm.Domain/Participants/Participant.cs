using System;
using Spm.Domain.Internal;

namespace Spm.Domain.Participants
{
    /// <summary>A rep or manager who carries a quota (a Dataverse systemuser).</summary>
    public sealed record Participant
    {
        public Participant(string id, string name, string? managerId, string team, string territory, string currencyCode, DateTime hireDate)
        {
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
    }
}
