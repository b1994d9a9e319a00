/** The `gnbv` command line (SPEC §5.7). */
import { Command } from 'commander';
import { registerBackupCommands } from './commands/backup.commands.js';
import { registerEngineCommands } from './commands/engine.commands.js';
import { registerImportCommands } from './commands/import.commands.js';
import { registerReportCommands } from './commands/report.commands.js';
import { registerSystemCommands, VERSION } from './commands/system.commands.js';

const program = new Command('gnbv')
  .description('GNBV — hệ thống quản lý Chương trình MTQG giảm nghèo bền vững')
  .version(VERSION)
  .showHelpAfterError();

registerSystemCommands(program);
registerEngineCommands(program);
registerImportCommands(program);
registerReportCommands(program);
registerBackupCommands(program);

await program.parseAsync(process.argv);
