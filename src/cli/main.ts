// The govpatrol command line. Exit codes (design.md): 0 the scan ran, whatever it found; 2 bad usage;
// 1 the scan itself could not run.
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config.js';
import { ScanInputError } from '../scan/start-url.js';
import { collect, positiveInt } from './options.js';

const program = new Command();
program
  .name('govpatrol')
  .description('政务巡检：按国办秘函〔2019〕19号指标检查政府网站')
  .version('0.1.0', '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand(false)
  .showHelpAfterError('（使用 --help 查看用法）')
  .exitOverride()
  .configureOutput({
    writeOut: (str) => process.stdout.write(localiseHelp(str)),
    outputError: (str, write) => write(localiseHelp(str.replace(/^error: /, '错误：'))),
  });

/** commander prints its headings in English; the UI is Chinese. */
function localiseHelp(text: string): string {
  return text
    .replace(/^Usage:/gm, '用法：')
    .replace(/^Options:/gm, '选项：')
    .replace(/^Commands:/gm, '命令：')
    .replace(/^Arguments:/gm, '参数：')
    .replace(/\(default: ([^)]*)\)/g, '（默认：$1）')
    .replace(/\(choices: ([^)]*)\)/g, '（可选：$1）')
    .replace(/, default: /g, '，默认：')
    .replace(/missing required argument '([^']+)'/, '缺少必需的参数 $1')
    .replace(/unknown option '([^']+)'/, '未知选项 $1')
    .replace(/unknown command '([^']+)'/, '未知命令 $1');
}

program
  .command('scan')
  .description('抓取一个网站，运行全部检查并按指标计分')
  .argument('<url>', '网站首页地址，例如 http://www.example.gov.cn/')
  .option('--max-pages <n>', '最多抓取的页面数', positiveInt('--max-pages'))
  .option('--concurrency <n>', '并发请求数', positiveInt('--concurrency'))
  .option('--depth <n>', '最大抓取深度', positiveInt('--depth'))
  .addOption(new Option('--format <format>', '输出格式').choices(['text', 'json', 'html']).default('text'))
  .option('--out <file>', '把报告写入文件（默认输出到终端）')
  .option('--config <file>', 'JSON 配置文件（阈值、分值、叠加规则）')
  .option('--respect-robots', '遵守 robots.txt（监管检查默认不遵守，只报告）')
  .option('--full', '完整扫描：不向服务器询问页面是否变化（默认对上次扫描保存的页面做增量扫描）')
  .option('--no-browser', '不启动浏览器渲染（跳过截图和脚本注入检查）')
  .option('--no-external-links', '不检查外部链接')
  .option('--resolve <host=ip>', '指定主机名解析，可重复，例如 www.x.gov.cn=127.0.0.1', collect, [])
  .option('--hosts-only', '只访问 --resolve 指定的主机，其余按域名无法解析处理')
  .option('--subsite <host>', '同属本站的子站主机名，可重复', collect, [])
  .option('--portal', '政府门户网站（计算加分指标）')
  .option('--db <path-or-url>', '数据库：SQLite 文件路径或 postgres:// 地址（默认 ./data/govpatrol.sqlite）')
  .option('--no-store', '不保存扫描结果')
  // Commands load their modules on use, so `--help` and usage errors stay instant and light.
  .action(async (url, flags) => (await import('./scan-command.js')).scanCommand(url, flags));

program
  .command('demo')
  .description('在本机启动演示平台：若干模拟政府网站、单位、账号与完成的扫描（--report-only：只扫描一个模拟网站并生成 HTML 报告）')
  .option('--pages <n>', '模拟门户网站的页面数（部门网站约为三分之一）', positiveInt('--pages'), 300)
  .option('--report-only', '只扫描一个模拟网站并生成 HTML 报告（不启动平台）')
  .option('--out <file>', 'HTML 报告路径（--report-only）', 'govpatrol-demo-report.html')
  .option('--browser', '平台演示中启用浏览器渲染（较慢）')
  .option('--no-browser', '不启动浏览器渲染（--report-only）')
  .option('--keep', '扫描后继续运行模拟网站，按 Ctrl-C 结束（--report-only）')
  .option('--port <n>', '平台端口（默认 8080，被占用时任选空闲端口）', positiveInt('--port'))
  .option('--db <path-or-url>', '演示数据库（默认临时目录中的 SQLite 文件）')
  .action(async (flags) => (await import('./demo-command.js')).demoCommand(flags));

program
  .command('serve')
  .description('启动监管平台（管理界面与 API，定时扫描；扫描任务在本进程运行，设置 REDIS_URL 时交给 worker 进程）')
  .option('--host <host>', '监听地址', '127.0.0.1')
  .option('--port <n>', '端口', positiveInt('--port'), 8080)
  .option('--db <path-or-url>', '数据库：SQLite 文件路径或 postgres:// 地址（默认 ./data/govpatrol.sqlite，或 DATABASE_URL）')
  .option('--concurrency <n>', '同时运行的扫描数', positiveInt('--concurrency'), 2)
  .option('--no-browser', '扫描时不启动浏览器渲染')
  .option('--trust-proxy', '位于反向代理（HTTPS）之后：信任 X-Forwarded-* 头')
  .option('--run-jobs', '设置 REDIS_URL 时本进程也运行扫描任务（默认只排队，由 worker 进程运行）')
  .action(async (flags) => (await import('./serve-command.js')).serveCommand(flags));

program
  .command('worker')
  .description('任务进程：运行扫描任务。设置 REDIS_URL 时从 Redis（BullMQ）领取，可在多台机器上各运行若干个（数据库用 DATABASE_URL=postgres://…）；否则从数据库领取')
  .option('--db <path-or-url>', '数据库（默认 DATABASE_URL 或 ./data/govpatrol.sqlite）')
  .option('--concurrency <n>', '同时运行的扫描数', positiveInt('--concurrency'), 2)
  .option('--no-browser', '扫描时不启动浏览器渲染')
  .action(async (flags) => (await import('./serve-command.js')).workerCommand(flags));

const admin = program.command('admin').description('账号管理');
admin
  .command('create')
  .description('创建监管方管理员账号（密码取自 GOVPATROL_ADMIN_PASSWORD，或在终端输入）')
  .option('--username <name>', '用户名', 'admin')
  .option('--display-name <name>', '显示名称')
  .option('--db <path-or-url>', '数据库（默认 DATABASE_URL 或 ./data/govpatrol.sqlite）')
  .action(async (flags) => (await import('./admin-command.js')).adminCreateCommand(flags));

const report = program.command('report').description('公文与报表');
report
  .command('notice')
  .description('生成已发布检查轮次的月度通报（.docx、.pdf 或 .html，按 --out 的扩展名）')
  .requiredOption('--round <id>', '检查轮次编号', positiveInt('--round'))
  .requiredOption('--out <file>', '输出文件：FILE.docx、FILE.pdf 或 FILE.html')
  .option('--db <path-or-url>', '数据库：SQLite 文件路径或 postgres:// 地址（默认 DATABASE_URL 或 ./data/govpatrol.sqlite）')
  .option('--data <dir>', '数据目录（使用其中的 govpatrol.sqlite；与 --db 二选一）')
  .action(async (flags) => (await import('./report-command.js')).noticeCommand(flags));

report
  .command('yearly')
  .description('生成年度报表：《政府网站与政务新媒体监管工作年度报表》，或 --website 指定网站的《政府网站工作年度报表》')
  .requiredOption('--year <yyyy>', '年度', positiveInt('--year'))
  .option('--website <id>', '网站编号（生成该网站的年度报表）', positiveInt('--website'))
  .requiredOption('--out <file>', '输出文件：FILE.docx、FILE.pdf 或 FILE.html')
  .option('--db <path-or-url>', '数据库：SQLite 文件路径或 postgres:// 地址（默认 DATABASE_URL 或 ./data/govpatrol.sqlite）')
  .option('--data <dir>', '数据目录（使用其中的 govpatrol.sqlite；与 --db 二选一）')
  .action(async (flags) => (await import('./report-command.js')).yearlyCommand(flags));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof ScanInputError || err instanceof ConfigError) {
    process.stderr.write(`错误：${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`扫描无法运行：${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
