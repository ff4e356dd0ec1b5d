// Stands in for @adraffy/ens-normalize (36 KB) in the bundle: the page only ever passes checked 0x addresses to
// ethers, never ENS names, so full ENS normalisation is never needed. Plain lower-case ASCII names still pass.
export function ens_normalize(name) {
  if (/^[a-z0-9.-]*$/.test(name)) return name;
  throw new Error('ENS names are not supported on this page: use a 0x address.');
}
