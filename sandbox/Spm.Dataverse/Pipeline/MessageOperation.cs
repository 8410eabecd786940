using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>The state of one message execution shared by its stages: parameters, shared variables, images.</summary>
    internal sealed class MessageOperation
    {
        private readonly PluginPipelineOptions _options;
        private readonly IDataverseStore _store;
        private readonly StepRunner _runner;
        private readonly OrganizationRequest _request;
        private readonly string _messageName;
        private readonly string? _entityName;
        private readonly int _depth;
        private readonly Guid _correlationId;
        private readonly Guid _userId;
        private readonly Guid _initiatingUserId;
        private readonly PluginExecutionContext? _parent;
        private readonly ParameterCollection _sharedVariables = new ParameterCollection();
        private readonly DateTime _createdOn;
        private Guid _entityId;
        private ParameterCollection _outputParameters = new ParameterCollection();
        private Entity? _preImage;
        private bool _preImageTaken;
        private Entity? _postImage;

        public MessageOperation(
            PluginPipelineOptions options,
            IDataverseStore store,
            StepRunner runner,
            OrganizationRequest request,
            string messageName,
            string? entityName,
            Guid entityId,
            int depth,
            Guid correlationId,
            Guid userId,
            Guid initiatingUserId,
            PluginExecutionContext? parent)
        {
            _options = options;
            _store = store;
            _runner = runner;
            _request = request;
            _messageName = messageName;
            _entityName = entityName;
            _entityId = entityId;
            _depth = depth;
            _correlationId = correlationId;
            _userId = userId;
            _initiatingUserId = initiatingUserId;
            _parent = parent;
            _createdOn = options.UtcNow();
        }

        public string MessageName => _messageName;

        public string? EntityName => _entityName;

        public Guid EntityId => _entityId;

        public int Depth => _depth;

        public Guid CorrelationId => _correlationId;

        public Guid UserId => _userId;

        /// <summary>The context a cascaded child Delete runs under: this operation, in its transaction, as its parent.</summary>
        public PluginExecutionContext CascadeContext(ExecutionFrame frame)
        {
            PluginExecutionContext context = NewContext(PipelineStage.MainOperation, StepMode.Synchronous, inTransaction: true, _userId);
            context.Frame = frame;
            return context;
        }

        public void RunStage(RegisteredStep[] candidates, PipelineStage stage, bool inTransaction, ExecutionFrame? frame)
        {
            foreach (RegisteredStep step in candidates)
            {
                if (step.Registration.Stage != stage || step.Registration.Mode != StepMode.Synchronous || !PassesFilter(step.Registration))
                {
                    continue;
                }

                if (stage == PipelineStage.PreValidation && NeedsPreImage(step.Registration))
                {
                    // PreValidation runs before the operation's transaction: its pre-image is read when the step runs.
                    _preImage = Snapshot();
                    _preImageTaken = true;
                }

                PluginExecutionContext context = BuildContext(step, stage, StepMode.Synchronous, inTransaction);
                context.Frame = frame;
                _runner.Run(step, context);
            }
        }

        /// <summary>
        /// The core operation of a Custom API: its plug-in at stage 30, in the transaction, with the request's parameters
        /// as InputParameters. What it puts in OutputParameters is the response.
        /// </summary>
        public OrganizationResponse RunMainOperation(RegisteredStep main, ExecutionFrame frame)
        {
            PluginExecutionContext context = BuildContext(main, PipelineStage.MainOperation, StepMode.Synchronous, inTransaction: true);
            context.Frame = frame;
            _runner.Run(main, context);
            var response = new OrganizationResponse { ResponseName = main.Registration.MessageName };
            foreach (KeyValuePair<string, object> output in context.OutputParameters)
            {
                response.Results[output.Key] = output.Value;
            }

            return response;
        }

        public void CapturePreImage(RegisteredStep[] candidates)
        {
            if (candidates.Any(s => s.Registration.Stage != PipelineStage.PreValidation && NeedsPreImage(s.Registration)))
            {
                _preImage = Snapshot();
                _preImageTaken = true;
            }
        }

        public void CompleteCore(OrganizationResponse response)
        {
            _outputParameters = response.Results ?? new ParameterCollection();
            if (_messageName == MessageNames.Create && _outputParameters.TryGetValue("id", out object? id) && id is Guid created)
            {
                _entityId = created;
            }
        }

        public void CapturePostImage(RegisteredStep[] candidates)
        {
            if (candidates.Any(s => s.Registration.Images.Any(i => i.IsPostImage)))
            {
                _postImage = Snapshot();
            }
        }

        public void QueueAsync(RegisteredStep[] candidates, ExecutionFrame frame)
        {
            foreach (RegisteredStep step in candidates)
            {
                if (step.Registration.Mode != StepMode.Asynchronous || !PassesFilter(step.Registration))
                {
                    continue;
                }

                // The system job carries a serialized copy of the context, taken now.
                PluginExecutionContext context = BuildContext(step, PipelineStage.PostOperation, StepMode.Asynchronous, inTransaction: false);
                context.InputParameters = RequestInspector.CopyParameters(context.InputParameters);
                context.OutputParameters = RequestInspector.CopyParameters(context.OutputParameters);
                context.SharedVariables = RequestInspector.CopyParameters(context.SharedVariables);
                context.OperationId = Guid.NewGuid();
                frame.PendingAsync.Add(new AsyncJob(step, context));
            }
        }

        private bool PassesFilter(StepRegistration step)
        {
            if (step.FilteringAttributes.Count == 0 || _messageName != MessageNames.Update)
            {
                return true;
            }

            return _request.Parameters.TryGetValue("Target", out object? target)
                && target is Entity entity
                && step.FilteringAttributes.Any(entity.Contains);
        }

        private static bool NeedsPreImage(StepRegistration step) => step.Images.Any(i => i.IsPreImage);

        private Entity? Snapshot()
        {
            return _entityName is null || _entityId == Guid.Empty ? null : _store.Snapshot(_entityName, _entityId, null);
        }

        /// <summary>What every context of this operation shares: the organization, the message, its table and row, depth and parent.</summary>
        private PluginExecutionContext NewContext(PipelineStage stage, StepMode mode, bool inTransaction, Guid userId)
        {
            return new PluginExecutionContext
            {
                BusinessUnitId = _options.BusinessUnitId,
                CorrelationId = _correlationId,
                Depth = _depth,
                InitiatingUserId = _initiatingUserId,
                InputParameters = _request.Parameters,
                IsInTransaction = inTransaction,
                MessageName = _messageName,
                Mode = (int)mode,
                OperationCreatedOn = _createdOn,
                OrganizationId = _options.OrganizationId,
                OrganizationName = _options.OrganizationName,
                PrimaryEntityId = _entityId,
                PrimaryEntityName = _entityName ?? "none",
                RequestId = _request.RequestId,
                UserId = userId,
                ParentContext = _parent,
                Stage = (int)stage,
            };
        }

        private PluginExecutionContext BuildContext(RegisteredStep step, PipelineStage stage, StepMode mode, bool inTransaction)
        {
            PluginExecutionContext context = NewContext(stage, mode, inTransaction, step.RunAsUserId ?? _userId);
            context.OutputParameters = stage == PipelineStage.PostOperation ? _outputParameters : new ParameterCollection();
            context.OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Registration.Id) { Name = step.Registration.Name };
            context.SharedVariables = _sharedVariables;

            foreach (StepImageRegistration image in step.Registration.Images)
            {
                if (image.IsPreImage && _preImageTaken && _preImage is not null)
                {
                    context.PreEntityImages[image.EntityAlias] = Project(_preImage, image.Attributes);
                }

                if (image.IsPostImage && stage == PipelineStage.PostOperation && _postImage is not null)
                {
                    context.PostEntityImages[image.EntityAlias] = Project(_postImage, image.Attributes);
                }
            }

            return context;
        }

        private static Entity Project(Entity row, IReadOnlyList<string> attributes)
        {
            var image = new Entity(row.LogicalName, row.Id);
            IEnumerable<string> names = attributes.Count == 0 ? row.Attributes.Keys.ToArray() : attributes;
            foreach (string name in names)
            {
                if (row.Attributes.TryGetValue(name, out object? value) && value is not null)
                {
                    image.Attributes[name] = value;
                    if (row.FormattedValues.TryGetValue(name, out string? formatted))
                    {
                        image.FormattedValues[name] = formatted;
                    }
                }
            }

            return image;
        }
    }
}
