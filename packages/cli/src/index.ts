/**
 * The `portal` command.
 *
 * @packageDocumentation
 */
import { main } from './main';

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`portal: ${error}\n`);
    process.exitCode = 1;
  },
);
