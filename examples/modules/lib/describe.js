export function describe(pkg) {
  return `${pkg.name}@${pkg.version}: ${pkg.description}`;
}
