#include "fieldmark.h"
#include "httpfixture.h"
#include "identificationeditor.h"
#include "identityform.h"
#include "listform.h"
#include "mainwindow.h"
#include "sendbutton.h"
#include "uitest.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
double luminance(const QColor &colour)
{
    auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

// The finishing touches of the main window: Send turning into a busy indicator while a
// request runs, error and warning colours that read on light and dark palettes, and read
// tables whose last column fills the width even when the answer is empty.
class TestConsolePolish : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void sendBecomesBusyWithCancel();
    void markColoursReadOnBothPalettes_data();
    void markColoursReadOnBothPalettes();
    void marksUseTheThemesPalette_data();
    void marksUseTheThemesPalette();
    void marksFollowAThemeSwitchedWhileRunning();
    void emptyReadTableStretchesItsLastColumn();

private:
    QTemporaryDir m_settingsDir;
};

void TestConsolePolish::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestConsolePolish::init()
{
    QSettings().clear();
}

void TestConsolePolish::sendBecomesBusyWithCancel()
{
    HttpFixture server;
    HttpFixture::Answer silent;
    silent.silent = true;
    server.setAnswer(silent);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connectTo(server.baseUrl(), u"k"_s, u"fixture"_s);
    QVERIFY(window.selectOperation(u"getValidity"_s));
    SendButton *send = window.sendButton();
    QVERIFY(send);
    QVERIFY(!send->isBusy());
    QVERIFY(send->button()->isVisible());
    QCOMPARE(UiTest::accessibleName(send->button()), u"Send"_s);
    const int idleWidth = send->width();

    window.send();
    QVERIFY(window.isSending());
    QVERIFY(send->isBusy());
    QVERIFY(!send->button()->isVisible());
    QVERIFY(send->busyText().startsWith(u"Sending…"_s));
    QVERIFY(send->accessibleDescription().startsWith(u"Sending…"_s));
    QVERIFY(window.cancelAction()->isEnabled());
    QCOMPARE(send->width(), idleWidth); // the toolbar does not jump
    // It spins: the picture changes while the request hangs.
    const QImage before = send->grab().toImage();
    QTRY_VERIFY(send->grab().toImage() != before);

    window.cancelAction()->trigger();
    QTRY_VERIFY(!window.isSending());
    QVERIFY(!send->isBusy());
    QVERIFY(send->button()->isVisible());
    QVERIFY(send->busyText().isEmpty());
}

void TestConsolePolish::markColoursReadOnBothPalettes_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << QPalette(QColor(0xef, 0xef, 0xef));
    QTest::newRow("dark") << UiTest::darkPalette();
}

void TestConsolePolish::markColoursReadOnBothPalettes()
{
    QFETCH(QPalette, palette);
    for (const QColor &colour :
         {FieldMark::errorColour(palette), FieldMark::warningColour(palette)}) {
        QVERIFY2(contrast(colour, palette.color(QPalette::Base)) >= 4.5, qPrintable(colour.name()));
        QVERIFY2(contrast(colour, palette.color(QPalette::Window)) >= 4.5,
                 qPrintable(colour.name()));
    }
    // Still red and amber, not grey.
    QVERIFY(FieldMark::errorColour(palette).hslHue() < 15);
    QVERIFY(qAbs(FieldMark::warningColour(palette).hslHue() - 36) < 10);
}

void TestConsolePolish::marksUseTheThemesPalette_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestConsolePolish::marksUseTheThemesPalette()
{
    QFETCH(bool, dark);
    // A theme arrives as the application's palette, before the window is built.
    const QPalette original = QApplication::palette();
    const auto restore = qScopeGuard([original] { QApplication::setPalette(original); });
    if (dark)
        QApplication::setPalette(UiTest::darkPalette());
    const QPalette palette = QApplication::palette();

    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QVERIFY(form);
    QTest::keyClicks(form->identification()->secondEdit(), u"john@"_s);
    form->revealProblems();
    QTRY_VERIFY(form->problemLabel()->isVisible());
    FieldMessage *shown = nullptr;
    for (FieldMessage *candidate : form->findChildren<FieldMessage *>()) {
        if (candidate->isVisible() && candidate->severity() == MarkSeverity::Error)
            shown = candidate;
    }
    QVERIFY(shown);
    QCOMPARE(shown->palette().color(QPalette::WindowText), FieldMark::errorColour(palette));
    QCOMPARE(form->problemLabel()->palette().color(QPalette::WindowText),
             FieldMark::errorColour(palette));
    QVERIFY(contrast(shown->palette().color(QPalette::WindowText),
                     shown->palette().color(QPalette::Window)) >= 4.5);
    const QString dir = qEnvironmentVariable("JOURNY_SCREENSHOT_DIR");
    if (!dir.isEmpty() && QDir().mkpath(dir)) {
        QVERIFY(window.grab().save(
            dir + u"/marks-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag()))));
    }
}

void TestConsolePolish::marksFollowAThemeSwitchedWhileRunning()
{
    const QPalette original = QApplication::palette();
    const auto restore = qScopeGuard([original] { QApplication::setPalette(original); });
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QVERIFY(form);
    QLineEdit *email = form->identification()->secondEdit();
    QVERIFY(!FieldMark::outline(email)); // nothing is built for a field never marked
    QTest::keyClicks(email, u"john@"_s);
    form->revealProblems();
    QTRY_VERIFY(form->problemLabel()->isVisible());

    // The outline lies over the field, in the error colour, on top of it.
    QWidget *outline = FieldMark::outline(email);
    QVERIFY(outline);
    QTRY_VERIFY(outline->isVisible());
    QCOMPARE(outline->geometry(), email->geometry());
    const QImage light = form->grab().toImage();
    const QPoint edge = email->mapTo(form, QPoint(email->width() / 2, 1));
    QCOMPARE(light.pixelColor(edge).name(), FieldMark::errorColour(email->palette()).name());

    // A dark theme chosen while the console runs reaches the marks and the fields.
    QApplication::setPalette(UiTest::darkPalette());
    const QColor darkError = FieldMark::errorColour(UiTest::darkPalette());
    QVERIFY(darkError != FieldMark::errorColour(original));
    QTRY_COMPARE(form->problemLabel()->palette().color(QPalette::WindowText), darkError);
    QTRY_COMPARE(email->palette().color(QPalette::Base),
                 UiTest::darkPalette().color(QPalette::Base));
    QTRY_COMPARE(form->grab().toImage().pixelColor(edge).name(), darkError.name());

    // Fixed: the outline goes, and the problem count with it.
    QTest::keyClicks(email, u"example.com"_s);
    QTRY_VERIFY(!outline->isVisible());
    QTRY_VERIFY(!form->problemLabel()->isVisible());
}

void TestConsolePolish::emptyReadTableStretchesItsLastColumn()
{
    HttpFixture server;
    server.answerJson(200, R"({"meta":{"requestId":"r1","status":200},"data":[]})");
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connectTo(server.baseUrl(), u"k"_s, u"fixture"_s);
    QVERIFY(window.selectOperation(u"getUserProperties"_s));
    auto *form = qobject_cast<ListForm *>(window.currentForm());
    QVERIFY(form);
    QCOMPARE(UiTest::sendAndWait(window).status, 200);
    QCOMPARE(form->model()->rowCount(), 0);
    QHeaderView *header = form->table()->horizontalHeader();
    QTRY_COMPARE(header->length(), form->table()->viewport()->width());
}

QTEST_MAIN(TestConsolePolish)
#include "tst_consolepolish.moc"
