// Hardhat 2 configuration for AidDao.
//
// Hardhat downloads native compilers by default; this workplace (and many CI sandboxes) has no route to
// the compiler mirror. The override below answers Hardhat's solc-build subtask with the solc-js build that
// npm installed (package.json pins it), so `npx hardhat compile` never reaches the network.
const path = require("path");
const { subtask } = require("hardhat/config");
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require("hardhat/builtin-tasks/task-names");

const solcPackage = require("solc/package.json");
const SOLC_VERSION = solcPackage.version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) {
    // Only the npm-installed compiler is offered; asking for another version is a configuration error.
    throw new Error(
      `AidDao compiles with solc-js ${SOLC_VERSION} from npm; the config asked for ${args.solcVersion}. ` +
        `Change solidity.version in hardhat.config.js or the solc pin in package.json so they agree.`
    );
  }
  const solc = require("solc");
  return {
    compilerPath: path.join(path.dirname(require.resolve("solc/package.json")), "soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: solc.version(),
  };
});

/** @type import('hardhat/config').HardhatUserConfig */
module.exports = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
      // Keep bytecode reproducible across machines: the metadata hash covers only the sources Hardhat passes.
      metadata: { bytecodeHash: "ipfs" },
    },
  },
  paths: {
    sources: "./contracts",
    artifacts: "./artifacts",
    cache: "./cache",
  },
  networks: {
    hardhat: { hardfork: "cancun" },
    anvil: { url: process.env.AIDDAO_RPC_URL || "http://127.0.0.1:8545" },
  },
};
