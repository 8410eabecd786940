using System;
using System.Collections.Generic;
using System.Linq;
using Spm.Domain.Internal;

namespace Spm.Domain.Participants
{
    /// <summary>Every participant and the manager hierarchy, checked for unknown managers and cycles.</summary>
    public sealed class SalesOrganization
    {
        private readonly Dictionary<string, Participant> _byId;
        private readonly Dictionary<string, List<Participant>> _reports;
        private readonly Dictionary<string, IReadOnlyList<Participant>> _chains;

        public SalesOrganization(IEnumerable<Participant> participants)
        {
            _byId = new Dictionary<string, Participant>(StringComparer.Ordinal);
            foreach (var participant in Preconditions.NotNull(participants, "SalesOrganization.Participants"))
            {
                Preconditions.Require(!_byId.ContainsKey(participant.Id), "Participant.Id", participant.Id, $"Participant id {participant.Id} is used twice.");
                _byId.Add(participant.Id, participant);
            }

            _reports = new Dictionary<string, List<Participant>>(StringComparer.Ordinal);
            foreach (var participant in _byId.Values)
            {
                if (participant.ManagerId == null)
                {
                    continue;
                }

                Preconditions.Require(_byId.ContainsKey(participant.ManagerId), "Participant.ManagerId", participant.ManagerId, $"{participant.Name}'s manager {participant.ManagerId} is not a participant.");
                if (!_reports.TryGetValue(participant.ManagerId, out var list))
                {
                    _reports[participant.ManagerId] = list = new List<Participant>();
                }

                list.Add(participant);
            }

            _chains = new Dictionary<string, IReadOnlyList<Participant>>(StringComparer.Ordinal);
            foreach (var participant in _byId.Values)
            {
                _chains[participant.Id] = BuildChain(participant);
            }
        }

        public IReadOnlyCollection<Participant> All => _byId.Values;

        public int Count => _byId.Count;

        public Participant Get(string id) =>
            id != null && _byId.TryGetValue(id, out var participant)
                ? participant
                : throw new SpmRuleException("Participant", id, $"Participant {id} is not known to SPM; add them as a participant before crediting them.");

        public bool Contains(string id) => _byId.ContainsKey(id);

        /// <summary>Managers above a participant, nearest first.</summary>
        public IReadOnlyList<Participant> ManagerChain(string id) => _chains[Get(id).Id];

        public IReadOnlyList<Participant> DirectReports(string managerId) =>
            _reports.TryGetValue(managerId, out var list) ? list : (IReadOnlyList<Participant>)Array.Empty<Participant>();

        public IEnumerable<Participant> TeamOf(string id)
        {
            var team = Get(id).Team;
            return _byId.Values.Where(p => p.Team == team);
        }

        private IReadOnlyList<Participant> BuildChain(Participant participant)
        {
            var chain = new List<Participant>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { participant.Id };
            var current = participant;
            while (current.ManagerId != null)
            {
                var manager = _byId[current.ManagerId];
                Preconditions.Require(seen.Add(manager.Id), "Participant.ManagerId", manager.Id, $"The manager hierarchy loops: {participant.Name} → {string.Join(" → ", chain.Select(p => p.Name))} → {manager.Name}.");
                chain.Add(manager);
                current = manager;
            }

            return chain;
        }
    }
}
