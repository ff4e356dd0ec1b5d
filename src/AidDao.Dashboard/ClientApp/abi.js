// Human-readable ABI fragments of the functions and events the page uses (contracts/interfaces/*.sol).
import { Interface } from 'ethers';

export const POOL_ABI = [
  'function deposit() payable returns (uint256 depositId)',
  'function depositToken(address asset, uint256 amount) returns (uint256 depositId)',
  'function requestAid(address asset, uint256 amount, address recipient, uint8 urgency, bytes32 detailsHash) returns (uint256 requestId)',
  'function approve(uint256 requestId) returns (bool paid)',
  'function reject(uint256 requestId) returns (bool declined)',
  'function approveChange(uint256 changeId) returns (bool executed)',
  'function proposeChange(uint8 kind, address asset, uint256 value, bytes32 reason, tuple(uint256 mintRate, uint256 perRequestMax, uint256 windowCap, uint256 reserveFloor, uint256 fastPathCap) limits) returns (uint256 changeId)',
  'event AidRequested(uint256 indexed requestId, address indexed requester, address indexed recipient, address asset, uint256 amount, uint8 urgency, bytes32 detailsHash, uint64 expiresAt)',
  'event ChangeProposed(uint256 indexed changeId, address indexed proposer, uint8 kind, address asset, uint256 value, bytes32 reason, uint64 expiresAt)',
  'event ChangeExecuted(uint256 indexed changeId)',
  'event EmergencyDeclared(uint256 indexed changeId, bytes32 reason, uint64 endsAt)',
  'event AidPaid(uint256 indexed requestId, address indexed recipient, address indexed asset, uint256 amount, bool delivered)',
  'event RequestDeclined(uint256 indexed requestId)',
];

/** IEmergencyPool.ChangeKind */
export const ChangeKind = Object.freeze({
  SetAssetLimits: 0,
  RemoveAsset: 1,
  SetWindow: 2,
  SetCooldown: 3,
  SetRequestLifetime: 4,
  SetEmergencyThreshold: 5,
  DeclareEmergency: 6,
  EndEmergency: 7,
  Unpause: 8,
});

export const ROUND_ABI = [
  'function contributeTo(uint256 projectId, uint256 amount) payable',
  'function vote(uint256[] projectIds, uint256[] credits)',
  'function reviewProject(uint256 projectId, bool approve)',
  'function claim(uint256 projectId, address to)',
];

export const COMMUNITY_ABI = ['function vouch(address candidate) returns (bool admitted)'];

export const ERC20_ABI = [
  'function approve(address spender, uint256 amount) returns (bool)',
  'function allowance(address owner, address spender) view returns (uint256)',
];

export const poolInterface = new Interface(POOL_ABI);

/** The decoded logs of `receipt` emitted by `address` that `iface` knows. */
export function parseLogs(receipt, address, iface = poolInterface) {
  const out = [];
  for (const log of receipt?.logs ?? []) {
    if (address && log.address?.toLowerCase() !== address.toLowerCase()) continue;
    try {
      const parsed = iface.parseLog({ topics: log.topics, data: log.data });
      if (parsed) out.push(parsed);
    } catch {
      // a log of another contract or event
    }
  }
  return out;
}
