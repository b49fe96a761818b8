#include "mainwindow.h"
#include "ratelimitbanner.h"
#include "ratelimitchart.h"
#include "ratelimitgauge.h"
#include "tonecolours.h"
#include "uitest.h"

#include "ratelimit/ratelimithistory.h"
#include "sandboxoptions.h"
#include "sandboxserver.h"

#include <QDockWidget>
#include <QStatusBar>
#include <QTimeZone>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;
using Headroom = RateLimitHistory::Headroom;

// The status bar's gauge, the history chart and the 429 banner, driven by real answers of an
// in-process sandbox allowing 3 requests a minute; sandbox and window share a hand-moved clock.
class TestRateLimitGauge : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void unknownUntilTheFirstAnswer();
    void followsTheServerAndPredictsBetweenAnswers();
    void bannerOn429WithTheClearTime();
    void clickOpensTheHistoryChart();
    void readableInLightAndDarkPalettes_data();
    void readableInLightAndDarkPalettes();

private:
    QDateTime at(qint64 seconds) const
    {
        return QDateTime::fromMSecsSinceEpoch(m_start + seconds * 1000, QTimeZone::utc());
    }
    QString clock(qint64 seconds) const
    {
        return at(seconds).toLocalTime().toString(u"HH:mm:ss"_s);
    }
    void moveTo(qint64 seconds) { m_now = m_start + seconds * 1000; }
    int validate(); // sends GET /validate through the window, returns the status
    void saveScreenshot(QWidget *widget, const QString &name);

    QTemporaryDir m_settingsDir;
    qint64 m_start = 0;
    qint64 m_now = 0;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<MainWindow> m_window;
};

void TestRateLimitGauge::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestRateLimitGauge::init()
{
    QSettings().clear();
    m_start = QDateTime(QDate(2024, 5, 1), QTime(10, 0, 30), QTimeZone::utc()).toMSecsSinceEpoch();
    m_now = m_start;
    SandboxOptions options;
    options.rateLimitPerMinute = 3;
    m_sandbox = std::make_unique<SandboxServer>(options);
    m_sandbox->setClock([this] { return m_now; });
    QVERIFY(m_sandbox->listen());
    m_window = std::make_unique<MainWindow>();
    m_window->connectTo(m_sandbox->baseUrl(), m_sandbox->createDefaultKey(), u"limited"_s);
    m_window->rateLimitHistory()->setClock(
        [this] { return QDateTime::fromMSecsSinceEpoch(m_now, QTimeZone::utc()); });
    m_window->rateLimitGauge()->refresh();
    QVERIFY(m_window->selectOperation(u"getValidity"_s));
}

void TestRateLimitGauge::cleanup()
{
    m_window.reset();
    m_sandbox.reset();
}

int TestRateLimitGauge::validate()
{
    return UiTest::sendAndWait(*m_window).status;
}

void TestRateLimitGauge::saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("JOURNY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->grab().save(dir + u'/' + name + u".png"_s);
}

void TestRateLimitGauge::unknownUntilTheFirstAnswer()
{
    RateLimitGauge *gauge = m_window->rateLimitGauge();
    QVERIFY(m_window->statusBar()->isAncestorOf(gauge));
    QCOMPARE(gauge->valueText(), u"unknown"_s);
    QCOMPARE(gauge->headroom(), Headroom::Unknown);
    QCOMPARE(gauge->fullText(), u"Rate limit unknown"_s);
    QCOMPARE(gauge->fill(), 0.0);
    QVERIFY(gauge->heardText().isEmpty());
    QVERIFY(!gauge->scheduledUpdate().isValid());
    // A button named by its caption; the value is in the description.
    QCOMPARE(UiTest::accessibleName(gauge), u"Rate limit"_s);
    QVERIFY(gauge->accessibleDescription().contains(u"unknown"_s));
    QVERIFY(!m_window->rateLimitBanner()->isShowing());
}

void TestRateLimitGauge::followsTheServerAndPredictsBetweenAnswers()
{
    RateLimitGauge *gauge = m_window->rateLimitGauge();
    QCOMPARE(validate(), 200);
    QCOMPARE(gauge->valueText(), u"2/3"_s);
    QCOMPARE(gauge->headroomText(), u"plenty"_s);
    QCOMPARE(gauge->heardText(), u"heard "_s + clock(0));
    QVERIFY(!gauge->isPrediction());
    QCOMPARE(gauge->fill(), 2.0 / 3.0);
    QCOMPARE(gauge->fullText(), u"Rate limit 2/3 plenty · heard "_s + clock(0));
    QVERIFY(gauge->accessibleDescription().contains(u"2/3 plenty"_s));
    // The request of 0 s leaves the window at 60 s: the gauge wakes up then.
    QCOMPARE(gauge->scheduledUpdate(), at(60));

    moveTo(10);
    QCOMPARE(validate(), 200);
    QCOMPARE(gauge->valueText(), u"1/3"_s);
    QCOMPARE(gauge->headroom(), Headroom::Low);
    QCOMPARE(gauge->headroomText(), u"low"_s);
    moveTo(20);
    QCOMPARE(validate(), 200);
    QCOMPARE(gauge->valueText(), u"0/3"_s);
    QCOMPARE(gauge->headroomText(), u"exhausted"_s);
    QCOMPARE(gauge->fill(), 0.0);
    QCOMPARE(gauge->scheduledUpdate(), at(60));

    // Nothing heard since 20 s: at 60 s the first request has left the window.
    moveTo(59);
    gauge->refresh();
    QCOMPARE(gauge->valueText(), u"0/3"_s);
    moveTo(60);
    gauge->refresh(); // what the timer does at scheduledUpdate()
    QCOMPARE(gauge->valueText(), u"≈1/3"_s);
    QVERIFY(gauge->isPrediction());
    QCOMPARE(gauge->headroomText(), u"low"_s);
    QCOMPARE(gauge->heardText(), u"heard "_s + clock(20)); // still the last answer
    QCOMPARE(gauge->scheduledUpdate(), at(70));
    QVERIFY(gauge->accessibleDescription().contains(u"predicted"_s));
    moveTo(75);
    gauge->refresh();
    QCOMPARE(gauge->valueText(), u"≈2/3"_s);
    QCOMPARE(gauge->headroomText(), u"plenty"_s);
    QCOMPARE(gauge->scheduledUpdate(), at(80));

    // The sandbox agrees with the prediction: the next answer is one less.
    QCOMPARE(validate(), 200);
    QCOMPARE(gauge->valueText(), u"1/3"_s);
    QVERIFY(!gauge->isPrediction());
    QCOMPARE(gauge->heardText(), u"heard "_s + clock(75));
}

void TestRateLimitGauge::bannerOn429WithTheClearTime()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    RateLimitBanner *banner = m_window->rateLimitBanner();
    auto *bannerBar = m_window->findChild<QToolBar *>(u"rateLimitBannerBar"_s);
    QVERIFY(bannerBar);
    QVERIFY(!bannerBar->isVisible());
    for (const int second : {0, 10, 20}) {
        moveTo(second);
        QCOMPARE(validate(), 200);
    }
    QVERIFY(!banner->isShowing()); // exhausted, but nothing was refused
    moveTo(30);
    QCOMPARE(validate(), 429);
    QVERIFY(banner->isShowing());
    QVERIFY(bannerBar->isVisible());
    QTRY_VERIFY(banner->isVisible()); // once the toolbar has laid it out
    QVERIFY2(banner->text().contains(u"429"_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(clock(60)), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"in 30 seconds"_s), qPrintable(banner->text()));
    QCOMPARE(m_window->rateLimitGauge()->headroomText(), u"exhausted"_s);
    QCOMPARE(m_window->rateLimitGauge()->valueText(), u"0/3"_s);
    saveScreenshot(m_window.get(), u"ratelimit-429-banner"_s);

    moveTo(59);
    banner->refresh(); // what the countdown does every second
    QVERIFY(banner->text().contains(u"in 1 second"_s));
    moveTo(60);
    banner->refresh();
    QVERIFY(!banner->isShowing());
    QVERIFY(!bannerBar->isVisible());

    // Dismissed, it stays hidden for this 429, and comes back for the next one.
    moveTo(61);
    QCOMPARE(validate(), 200);
    moveTo(62);
    QCOMPARE(validate(), 429); // 10 s and 20 s and 61 s are in the window
    QVERIFY(banner->isShowing());
    QTest::mouseClick(banner->dismissButton(), Qt::LeftButton);
    QVERIFY(!banner->isShowing());
    QVERIFY(!bannerBar->isVisible());
}

void TestRateLimitGauge::clickOpensTheHistoryChart()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    for (const int second : {0, 10, 20, 30, 80}) {
        moveTo(second);
        validate();
    }
    QDockWidget *dock = m_window->rateLimitDock();
    QVERIFY(!dock->isVisible());
    QVERIFY(!dock->widget()); // built when first shown
    QTest::mouseClick(m_window->rateLimitGauge(), Qt::LeftButton);
    QVERIFY(dock->isVisible());
    auto *chart = dock->findChild<RateLimitChart *>();
    QVERIFY(chart);
    QCOMPARE(chart->summary(), u"Last 10 minutes: 5 requests sent, 1 answered 429; lowest "
                               "remaining 0 of 3."_s);
    QCOMPARE(chart->accessibleDescription(), chart->summary());
    // The dock's summary line says the same in words.
    bool found = false;
    for (const QLabel *label : dock->findChildren<QLabel *>())
        found = found || label->text() == chart->summary();
    QVERIFY(found);
    // The keyboard reaches the gauge too.
    m_window->rateLimitDock()->hide();
    m_window->rateLimitGauge()->setFocus();
    QTest::keyClick(m_window->rateLimitGauge(), Qt::Key_Space);
    QVERIFY(dock->isVisible());
}

void TestRateLimitGauge::readableInLightAndDarkPalettes_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestRateLimitGauge::readableInLightAndDarkPalettes()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? UiTest::darkPalette() : m_window->palette();
    m_window->setPalette(palette);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    for (const int second : {0, 10, 20, 30}) {
        moveTo(second);
        validate();
    }
    RateLimitGauge *gauge = m_window->rateLimitGauge();
    QCOMPARE(gauge->headroom(), Headroom::Exhausted);
    // At 75 s one slot is back (prediction): the bar shows the low colour of this palette.
    moveTo(75);
    gauge->refresh();
    QCOMPARE(gauge->headroomText(), u"plenty"_s);
    QCOMPARE(gauge->valueText(), u"≈2/3"_s);
    const QImage gaugeImage = gauge->grab().toImage();
    const QColor expected = ToneColours::success(gauge->palette());
    bool barFound = false;
    for (int x = 0; x < gaugeImage.width() && !barFound; ++x)
        barFound = gaugeImage.pixelColor(x, gaugeImage.height() / 2) == expected;
    QVERIFY2(barFound, "the bar is filled with the palette's success colour");

    m_window->rateLimitDock()->show();
    m_window->rateLimitDock()->resize(480, 300);
    auto *chart = m_window->rateLimitDock()->findChild<RateLimitChart *>();
    chart->resize(460, 220);
    const QImage chartImage = chart->grab().toImage();
    // The background follows the palette's Base; the 429 bar uses this palette's error red.
    QCOMPARE(chartImage.pixelColor(1, 1), chart->palette().color(QPalette::Base));
    const QColor red = ToneColours::error(chart->palette());
    int redPixels = 0;
    for (int y = 0; y < chartImage.height(); ++y) {
        for (int x = 0; x < chartImage.width(); ++x)
            redPixels += chartImage.pixelColor(x, y) == red ? 1 : 0;
    }
    QVERIFY(redPixels > 20);
    const QString suffix = dark ? u"dark"_s : u"light"_s;
    saveScreenshot(chart, u"ratelimit-chart-"_s + suffix);
    saveScreenshot(gauge, u"ratelimit-gauge-"_s + suffix);
    saveScreenshot(m_window.get(), u"ratelimit-window-"_s + suffix);
}

QTEST_MAIN(TestRateLimitGauge)
#include "tst_ratelimitgauge.moc"
