namespace AidDao.Contracts.Tests;

/// <summary>A proposal in the model: who approved in which term.</summary>
internal sealed class ModelProposal(int id, ModelAction action, int target, int value)
{
    public int Id { get; } = id;
    public ModelAction Action { get; } = action;
    public int Target { get; } = target;
    public int Value { get; } = value;
    public bool Executed { get; set; }
    public Dictionary<int, int> Approvals { get; } = [];
}
