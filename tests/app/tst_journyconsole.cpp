#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

// End to end: the real journy-console process on the real xcb platform (under Xvfb in
// packaging/run-tests.sh), started on a fresh HOME, driven by its command line, saving a
// picture of each navigation group into the build tree (JOURNY_SCREENSHOT_DIR). Without an
// X display this test fails: it exists to exercise the real platform.
class TestJournyConsole : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachGroup_data();
    void eachGroup();
    void unknownOperationIsRefused();
    void reportsItsFirstPaint();

private:
    // Runs journy-console with `arguments`; returns its exit code, -1 when it crashed or hung.
    int run(const QStringList &arguments, QByteArray *out = nullptr);

    QTemporaryDir m_home;
    QDir m_shots;
};

void TestJournyConsole::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY2(!qEnvironmentVariable("DISPLAY").isEmpty(),
             "No X display: run the end-to-end test under Xvfb (packaging/run-tests.sh does)");
    const QString dir =
        qEnvironmentVariable("JOURNY_SCREENSHOT_DIR", QDir::current().filePath(u"screenshots"_s));
    QVERIFY(QDir().mkpath(dir));
    m_shots = QDir(dir);
}

int TestJournyConsole::run(const QStringList &arguments, QByteArray *out)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The real platform, and a first run: no settings, no profiles.
    env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u".config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u".local/share"_s));
    env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u".cache"_s));
    env.remove(u"JOURNY_FIRST_PAINT_REPORT"_s);
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(JOURNY_CONSOLE_PATH), arguments);
    if (!process.waitForStarted(10000))
        return -1;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        qWarning() << "journy-console did not finish";
        return -1;
    }
    const QByteArray errors = process.readAllStandardError();
    if (out)
        *out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit)
        return -1;
    if (process.exitCode() != 0)
        qWarning().noquote() << "journy-console said:" << errors;
    return process.exitCode();
}

void TestJournyConsole::eachGroup_data()
{
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<bool>("send");
    QTest::newRow("users") << u"upsertUser"_s << false;
    QTest::newRow("accounts") << u"addUserToAccount"_s << false;
    QTest::newRow("track") << u"trackEvent"_s << false;
    // A read view with its answer: the key's permissions from the in-process sandbox.
    QTest::newRow("read") << u"getValidity"_s << true;
}

void TestJournyConsole::eachGroup()
{
    QFETCH(QString, operationId);
    QFETCH(bool, send);
    const QString file =
        m_shots.filePath(u"e2e-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
    QFile::remove(file);
    QStringList arguments{u"--select"_s, operationId, u"--screenshot"_s, file};
    if (send)
        arguments << u"--send"_s;
    QCOMPARE(run(arguments), 0);

    QImage image(file);
    QVERIFY2(!image.isNull(), qPrintable(file));
    // The window's first-run size (no window manager under Xvfb: no decorations).
    QCOMPARE(image.size(), QSize(1024, 700));
    // A real picture: text, frames and icons give many colours, and no colour covers it all.
    QHash<QRgb, int> colours;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            ++colours[line[x]];
    }
    int largest = 0;
    for (const int count : std::as_const(colours))
        largest = std::max(largest, count);
    QVERIFY2(colours.size() >= 64, qPrintable(u"only %1 colours"_s.arg(colours.size())));
    QVERIFY2(largest < rgb.width() * rgb.height() * 9 / 10,
             "one colour covers nine tenths of the window");
}

void TestJournyConsole::unknownOperationIsRefused()
{
    QCOMPARE(run({u"--select"_s, u"noSuchOperation"_s, u"--screenshot"_s,
                  m_shots.filePath(u"e2e-never.png"_s)}),
             2);
    QVERIFY(!QFile::exists(m_shots.filePath(u"e2e-never.png"_s)));
}

void TestJournyConsole::reportsItsFirstPaint()
{
    // What tests/bench/startup.sh reads: the time is not asserted, only that it is reported.
    // Several starts, for what only some starts show: Qt's complaint when another thread made
    // a QObject before the QApplication (it happened to about one start in six).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u".config"_s));
    env.insert(u"JOURNY_FIRST_PAINT_REPORT"_s, u"1"_s);
    for (int start = 0; start < 12; ++start) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(JOURNY_CONSOLE_PATH), {});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(QRegularExpression(u"^first_paint_ms=\\d+\\.\\d+$"_s,
                                    QRegularExpression::MultilineOption)
                     .match(out)
                     .hasMatch(),
                 qPrintable(out));
        const QByteArray err = process.readAllStandardError();
        for (const char *complaint : {"not created in the main() thread", "QObject::", "QWidget::"})
            QVERIFY2(!err.contains(complaint), err.constData());
    }
}

QTEST_GUILESS_MAIN(TestJournyConsole)
#include "tst_journyconsole.moc"
