#include "datetimeeditor.h"
#include "httpfixture.h"
#include "identificationeditor.h"
#include "identityform.h"
#include "jsoneditor.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "navigationpanel.h"
#include "operationform.h"
#include "propertyeditor.h"
#include "responseinspector.h"
#include "uitest.h"

#include "api/operation.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
// Parts of a compound control (a combo box's list, a spin box's line edit, a line edit's
// clear button, a table's header) are named by their control, not on their own.
bool isInternalPart(const QWidget *widget)
{
    if (widget->objectName().startsWith(u"qt_"_s))
        return true;
    for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (qobject_cast<const QComboBox *>(parent) ||
            qobject_cast<const QAbstractSpinBox *>(parent) ||
            qobject_cast<const QLineEdit *>(parent) ||
            qobject_cast<const QAbstractItemView *>(parent) ||
            parent->inherits("QComboBoxPrivateContainer") || parent->inherits("QTabBar"))
            return true;
    }
    return false;
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsProductNameAndVersion();
    void navigationIsGroupedByTag();
    void deprecatedOnlyWhenAsked();
    void keyboardShortcuts();
    void splitterSizesAreRemembered();
    void aSessionThatChangesNothingWritesNothing();
    void sendsTheBodyShownInTheJsonTab();
    void jsonTextFieldIsMadeWhenFirstShown();
    void refusesToSendWithoutConnection();
    void problemsBlockSendUntilSendAnyway();
    void deleteAsksNamingTheTarget();
    void escapeCancelsTheRequestInFlight();
    void serverFieldErrorsLandOnTheirWidgets();
    void everyFormFitsAt1024x700_data();
    void everyFormFitsAt1024x700();
    void everyControlHasAnAccessibleName_data();
    void everyControlHasAnAccessibleName();
    void tabOrderFollowsTheForm();
    void tabOrderFollowsEveryForm_data();
    void tabOrderFollowsEveryForm();

private:
    QTemporaryDir m_settingsDir;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::showsProductNameAndVersion()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.windowTitle().contains(QStringLiteral("Journy Console")));
    QVERIFY(window.windowTitle().contains(QStringLiteral(JOURNY_VERSION)));
    // First run: Users › Upsert user is ready.
    QCOMPARE(window.currentForm()->operation().id, u"upsertUser"_s);
}

void TestMainWindow::navigationIsGroupedByTag()
{
    MainWindow window;
    QTreeWidget *tree = window.navigation()->tree();
    QStringList groups;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        groups << tree->topLevelItem(i)->text(0);
    QCOMPARE(groups, (QStringList{u"Users"_s, u"Accounts"_s, u"Track"_s, u"Read"_s}));
    QCOMPARE(tree->topLevelItem(0)->childCount(), 3);
    QCOMPARE(tree->topLevelItem(1)->childCount(), 4);
    QCOMPARE(tree->topLevelItem(3)->childCount(), 7);
    // Every operation of the catalogue has a place.
    QStringList listed;
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i)
            listed << tree->topLevelItem(g)->child(i)->data(0, Qt::UserRole + 1).toString();
    }
    for (const Operation &operation : OperationCatalogue::all())
        QVERIFY2(listed.contains(operation.id), qPrintable(operation.id));
}

void TestMainWindow::deprecatedOnlyWhenAsked()
{
    {
        MainWindow window;
        QVERIFY(!window.navigation()->visibleOperations().contains(u"trackJourneyEvent"_s));
        QVERIFY(!window.selectOperation(u"trackJourneyEvent"_s));
        window.showDeprecatedAction()->setChecked(true);
        QVERIFY(window.navigation()->visibleOperations().contains(u"trackJourneyEvent"_s));
        QVERIFY(window.selectOperation(u"trackJourneyEvent"_s));
        QVERIFY(window.currentForm()->operation().deprecated);
        QVERIFY(window.currentForm()->findChild<QLabel *>() != nullptr);
    }
    MainWindow again; // the setting is remembered
    QVERIFY(again.navigation()->visibleOperations().contains(u"trackJourneyEvent"_s));
}

void TestMainWindow::keyboardShortcuts()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const QString expected[] = {u"upsertUser"_s, u"upsertAccount"_s, u"trackEvent"_s,
                                u"getValidity"_s};
    for (int i = 3; i >= 0; --i) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(window.currentForm()->operation().id, expected[i]);
        QVERIFY(window.navigation()->tree()->hasFocus());
    }
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QVERIFY(window.navigation()->filter()->hasFocus());
    QTest::keyClicks(window.navigation()->filter(), u"snippet"_s);
    QCOMPARE(window.navigation()->visibleOperations(), QStringList{u"getTrackingSnippet"_s});
    QTest::keyClick(window.navigation()->filter(), Qt::Key_Return);
    QCOMPARE(window.currentForm()->operation().id, u"getTrackingSnippet"_s);

    // Ctrl+J toggles between the form and the JSON body.
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    QVERIFY(!window.currentForm()->isJsonVisible());
    QTest::keyClick(&window, Qt::Key_J, Qt::ControlModifier);
    QVERIFY(window.currentForm()->isJsonVisible());
    QTest::keyClick(&window, Qt::Key_J, Qt::ControlModifier);
    QVERIFY(!window.currentForm()->isJsonVisible());
}

void TestMainWindow::splitterSizesAreRemembered()
{
    QList<int> sizes;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        sizes = window.splitter()->sizes();
        sizes[0] += 40;
        sizes[2] -= 40;
        window.splitter()->setSizes(sizes);
        sizes = window.splitter()->sizes();
        window.close();
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.splitter()->sizes(), sizes);
}

void TestMainWindow::aSessionThatChangesNothingWritesNothing()
{
    const QString file = QSettings().fileName();
    QFile::remove(file); // init() cleared it: an empty file
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.close();
    }
    QVERIFY2(!QFileInfo::exists(file),
             [&file] {
                 QFile f(file);
                 return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
             }()
                 .constData());

    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectOperation(u"getEvents"_s));
        window.close();
    }
    QVERIFY(QFileInfo::exists(file));
    const QDateTime written = QFileInfo(file).lastModified();
    const QByteArray contents = [&file] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(contents.contains("getEvents"));
    QVERIFY(!contents.contains("geometry")); // the layout was not changed
    {
        MainWindow window; // opens where the user left it
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.currentForm()->operation().id, u"getEvents"_s);
        window.close();
    }
    QFile again(file);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), contents);
    QCOMPARE(QFileInfo(file).lastModified(), written);
}

void TestMainWindow::jsonTextFieldIsMadeWhenFirstShown()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QVERIFY(form);
    QVERIFY(!form->jsonEditor()->findChild<QPlainTextEdit *>());
    QTest::keyClicks(form->identification()->idEdit(), u"42"_s);
    QVERIFY(form->jsonEditor()->text().contains(u"\"userId\": \"42\""_s));
    form->setJsonVisible(true);
    auto *edit = form->jsonEditor()->findChild<QPlainTextEdit *>();
    QVERIFY(edit);
    QVERIFY(edit->isVisible()); // at once: no frame without it
    QCOMPARE(edit->toPlainText(), form->jsonEditor()->text());
    QVERIFY(edit->hasFocus());
    QCOMPARE(edit->accessibleName(), u"Request body (JSON)"_s);
}

void TestMainWindow::sendsTheBodyShownInTheJsonTab()
{
    HttpFixture server;
    server.answerJson(
        201,
        R"({"meta":{"requestId":"req-1","status":201},"message":"User will be created or updated"})");
    MainWindow window;
    window.connectTo(server.baseUrl(), u"test-key-0123456789"_s, u"fixture"_s);
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QTest::keyClicks(form->identification()->secondEdit(), u"john@acme-inc.com"_s);
    QTest::keyClicks(form->properties()->row(0).name, u"plan"_s);
    QTest::keyClicks(form->properties()->row(0).text, u"Pro"_s);

    const ApiResult result = UiTest::sendAndWait(window);
    QCOMPARE(result.status, 201);
    QCOMPARE(server.requests().size(), 1);
    const HttpFixture::Recorded request = server.lastRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, u"/users/upsert"_s);
    QCOMPARE(request.body, form->jsonEditor()->text().toUtf8());
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(u"identification"_s).toObject(),
             (QJsonObject{{u"userId"_s, u"20"_s}, {u"email"_s, u"john@acme-inc.com"_s}}));
    QCOMPARE(body.value(u"properties"_s).toObject(), (QJsonObject{{u"plan"_s, u"Pro"_s}}));
    QCOMPARE(request.header("X-Api-Key"), QByteArray("test-key-0123456789"));

    const QString shown = UiTest::inspectorText(window.inspector());
    QVERIFY2(shown.contains(u"201"_s), qPrintable(shown));
    QVERIFY(shown.contains(u"req-1"_s));
    QVERIFY(!shown.contains(u"test-key-0123456789"_s)); // the key is redacted
}

void TestMainWindow::refusesToSendWithoutConnection()
{
    MainWindow window;
    QVERIFY(!window.isConnected());
    QVERIFY(!window.sendAction()->isEnabled());
    window.send();
    QVERIFY(!window.isSending());
    QVERIFY(UiTest::inspectorText(window.inspector()).contains(u"Not connected"_s));
}

void TestMainWindow::problemsBlockSendUntilSendAnyway()
{
    HttpFixture server;
    server.answerJson(
        400,
        R"({"meta":{"requestId":"r","status":400},"message":"Bad request","errors":{"fields":{}}})");
    MainWindow window;
    window.connectTo(server.baseUrl(), u"k"_s, u"fixture"_s);
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    PropertyEditor *properties = form->properties();
    QTest::keyClicks(properties->row(0).name, u"mrr"_s);
    properties->setRowType(0, PropertyEditor::Type::Number);
    QTest::keyClicks(properties->row(0).text, u"lots"_s);
    // "lots" is not a number: one problem, shown on the row and beside Send.
    QCOMPARE(form->problemCount(), 1);
    QCOMPARE(FieldMark::severity(properties->row(0).text), MarkSeverity::Error);
    QVERIFY(properties->row(0).message->text().contains(u"not a number"_s));
    QVERIFY(window.sendAction()->text().contains(u"1 problem"_s));
    QVERIFY(form->sendAnywayButton()->isVisible() || !window.isVisible());

    window.send();
    QVERIFY(!window.isSending());
    QCOMPARE(server.requests().size(), 0);

    MessageBox::setNextAnswer(false);
    window.sendAnyway();
    QVERIFY(!window.isSending());
    QVERIFY(MessageBox::lastQuestion().contains(u"1 problem"_s));

    MessageBox::setNextAnswer(true);
    const ApiResult result = UiTest::sendAndWait(window, true);
    QCOMPARE(result.status, 400);
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(server.lastRequest().body.contains("\"lots\""));

    // Fixing the value clears the mark and the count.
    properties->row(0).text->clear();
    QTest::keyClicks(properties->row(0).text, u"399"_s);
    QCOMPARE(form->problemCount(), 0);
    QCOMPARE(FieldMark::severity(properties->row(0).text), MarkSeverity::None);
    QVERIFY(properties->row(0).message->isHidden());
    QCOMPARE(window.sendAction()->text(), u"Send"_s);
}

void TestMainWindow::deleteAsksNamingTheTarget()
{
    HttpFixture server;
    server.answerJson(
        202, R"({"meta":{"requestId":"r","status":202},"message":"User will be deleted"})");
    MainWindow window;
    window.connectTo(server.baseUrl(), u"k"_s, u"fixture"_s);
    QVERIFY(window.selectOperation(u"deleteUser"_s));
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QTest::keyClicks(form->identification()->idEdit(), u"user-77"_s);

    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    window.send();
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY2(MessageBox::lastQuestion().contains(u"user-77"_s),
             qPrintable(MessageBox::lastQuestion()));
    QVERIFY(!window.isSending());
    QCOMPARE(server.requests().size(), 0);

    MessageBox::setNextAnswer(true);
    QCOMPARE(UiTest::sendAndWait(window).status, 202);
    QCOMPARE(server.lastRequest().method, QByteArray("DELETE"));
    QCOMPARE(QJsonDocument::fromJson(server.lastRequest().body).object(),
             (QJsonObject{{u"identification"_s, QJsonObject{{u"userId"_s, u"user-77"_s}}}}));

    // Upserts are not deletes: no question.
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    QVERIFY(window.currentForm()->confirmation().isEmpty());
}

void TestMainWindow::escapeCancelsTheRequestInFlight()
{
    HttpFixture server;
    HttpFixture::Answer silent;
    silent.silent = true;
    server.setAnswer(silent);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.connectTo(server.baseUrl(), u"k"_s, u"fixture"_s);
    QVERIFY(window.selectOperation(u"getValidity"_s));
    QSignalSpy finished(&window, &MainWindow::requestFinished);
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(window.isSending());
    QVERIFY(!window.sendAction()->isEnabled());
    QVERIFY(window.cancelAction()->isEnabled());
    QTRY_COMPARE(server.requests().size(), 1);
    // The window stays responsive while the request hangs.
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentForm()->operation().id, u"upsertUser"_s);

    QTest::keyClick(&window, Qt::Key_Escape);
    QTRY_COMPARE(finished.size(), 1);
    const ApiResult result = finished.at(0).at(0).value<ApiResult>();
    QCOMPARE(result.transportError, TransportError::Cancelled);
    QVERIFY(!window.isSending());
    QVERIFY(window.sendAction()->isEnabled());
    QVERIFY(!window.cancelAction()->isEnabled());
    QVERIFY(UiTest::inspectorText(window.inspector()).contains(u"ancel"_s));
}

void TestMainWindow::serverFieldErrorsLandOnTheirWidgets()
{
    HttpFixture server;
    server.answerJson(400, R"({"meta":{"requestId":"r-400","status":400},"message":"Bad request",
        "errors":{"fields":{"identification.email":"Not a valid email address.",
                            "properties.plan":"Unknown plan.",
                            "somewhere.else":"Nobody owns this path."}}})");
    MainWindow window;
    window.connectTo(server.baseUrl(), u"k"_s, u"fixture"_s);
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QTest::keyClicks(form->identification()->secondEdit(), u"a@b.co"_s);
    QTest::keyClicks(form->properties()->row(0).name, u"plan"_s);
    QTest::keyClicks(form->properties()->row(0).text, u"Gold"_s);
    QCOMPARE(UiTest::sendAndWait(window).status, 400);

    QCOMPARE(FieldMark::severity(form->identification()->secondEdit()), MarkSeverity::Error);
    QCOMPARE(form->identification()->secondEdit()->accessibleDescription(),
             u"Not a valid email address."_s);
    QCOMPARE(FieldMark::severity(form->identification()->idEdit()), MarkSeverity::None);
    QCOMPARE(FieldMark::severity(form->properties()->row(0).text), MarkSeverity::Error);
    QVERIFY(form->properties()->row(0).message->text().contains(u"Unknown plan."_s));
    const QString shown = UiTest::inspectorText(window.inspector());
    QVERIFY2(shown.contains(u"somewhere.else"_s), qPrintable(shown));
    QVERIFY(!shown.contains(u"properties.plan: Unknown plan."_s)); // claimed by its row

    // Editing clears the server's marks.
    QTest::keyClicks(form->identification()->secondEdit(), u"m"_s);
    QCOMPARE(FieldMark::severity(form->properties()->row(0).text), MarkSeverity::None);
}

void TestMainWindow::everyFormFitsAt1024x700_data()
{
    QTest::addColumn<QString>("operationId");
    for (const Operation &operation : OperationCatalogue::all())
        QTest::newRow(qPrintable(operation.id)) << operation.id;
}

void TestMainWindow::everyFormFitsAt1024x700()
{
    QFETCH(QString, operationId);
    MainWindow window;
    window.showDeprecatedAction()->setChecked(true);
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.selectOperation(operationId));
    QCOMPARE(window.size(), QSize(1024, 700));
    OperationForm *form = window.currentForm();
    QApplication::processEvents();
    const QRect windowRect = window.rect();
    // The form scrolls down when it must, never sideways.
    if (auto *scroll = form->findChild<QScrollArea *>())
        QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
                 qPrintable(u"%1 is wider than the centre"_s.arg(operationId)));
    const auto widgets = window.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible() || isInternalPart(widget))
            continue;
        if (!qobject_cast<QAbstractButton *>(widget) && !qobject_cast<QLineEdit *>(widget) &&
            !qobject_cast<QComboBox *>(widget) && !qobject_cast<QAbstractSpinBox *>(widget))
            continue;
        const QString what =
            u"%1 “%2” in %3"_s.arg(QString::fromLatin1(widget->metaObject()->className()),
                                   UiTest::accessibleName(widget), operationId);
        // Not squashed below what it needs to show its text.
        QVERIFY2(widget->height() >= widget->minimumSizeHint().height(), qPrintable(what));
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            QVERIFY2(button->width() >= button->fontMetrics().horizontalAdvance(button->text()) + 8,
                     qPrintable(what));
        else
            QVERIFY2(widget->width() >= qMin(widget->minimumSizeHint().width(), 60),
                     qPrintable(what));
        // Inside the window, unless it scrolls inside the form.
        const bool scrolls = form->isAncestorOf(widget) &&
                             widget->parentWidget()->inherits("QScrollArea") == false &&
                             form->findChild<QScrollArea *>() &&
                             form->findChild<QScrollArea *>()->widget()->isAncestorOf(widget);
        const QRect rect(widget->mapTo(&window, QPoint(0, 0)), widget->size());
        if (!scrolls)
            QVERIFY2(windowRect.contains(rect), qPrintable(what));
    }
}

void TestMainWindow::everyControlHasAnAccessibleName_data()
{
    everyFormFitsAt1024x700_data();
}

void TestMainWindow::everyControlHasAnAccessibleName()
{
    QFETCH(QString, operationId);
    MainWindow window;
    window.showDeprecatedAction()->setChecked(true);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.selectOperation(operationId));
    const auto widgets = window.currentForm()->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (isInternalPart(widget))
            continue;
        const bool control =
            qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
            qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget) ||
            qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget);
        if (!control || widget->inherits("QTabBar") || widget->parentWidget()->inherits("QTabBar"))
            continue;
        QVERIFY2(!widget->accessibleName().isEmpty(),
                 qPrintable(u"%1 in %2 has no accessible name"_s.arg(
                     QString::fromLatin1(widget->metaObject()->className()), operationId)));
    }
    // Labels that show values are described, never named.
    for (QLabel *label : window.currentForm()->findChildren<QLabel *>())
        QVERIFY2(label->accessibleName().isEmpty(), qPrintable(label->text()));
}

void TestMainWindow::tabOrderFollowsTheForm()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    form->identification()->idEdit()->setFocus();
    QTRY_VERIFY(form->identification()->idEdit()->hasFocus());
    const PropertyEditor::Row &row = form->properties()->row(0);
    const QList<QWidget *> expected = {
        form->identification()->secondEdit(), row.name, row.type, row.text, row.remove,
        form->properties()->addButton()};
    for (QWidget *next : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY2(QApplication::focusWidget() == next,
                 qPrintable(UiTest::accessibleName(QApplication::focusWidget()) +
                            u" instead of "_s + UiTest::accessibleName(next)));
    }
    // A row added later is still in row order.
    form->properties()->addRow();
    QTRY_VERIFY(form->properties()->row(1).name->isVisible());
    form->properties()->row(0).remove->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), form->properties()->row(1).name);
    // A date-time editor, made when a row first becomes datetime, takes its place too.
    QVERIFY(!form->properties()->row(1).dateTime);
    form->properties()->setRowType(1, PropertyEditor::Type::DateTime);
    const PropertyEditor::Row &dated = form->properties()->row(1);
    QVERIFY(dated.dateTime);
    QTRY_VERIFY(dated.dateTime->dateTimeEdit()->isVisible());
    dated.type->setFocus();
    auto tab = [] { QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); };
    tab();
    QCOMPARE(QApplication::focusWidget(), dated.dateTime->dateTimeEdit());
    // Tab walks through the date's sections (year … second), then leaves the field.
    for (int section = 0;
         section < 6 && QApplication::focusWidget() == dated.dateTime->dateTimeEdit(); ++section)
        tab();
    const QList<QWidget *> datedChain = {dated.dateTime->zoneBox(), dated.dateTime->nowButton(),
                                         dated.remove, form->properties()->addButton()};
    for (QWidget *next : datedChain) {
        QVERIFY2(QApplication::focusWidget() == next,
                 qPrintable(UiTest::accessibleName(QApplication::focusWidget()) +
                            u" instead of "_s + UiTest::accessibleName(next)));
        tab();
    }
}

void TestMainWindow::tabOrderFollowsEveryForm_data()
{
    everyFormFitsAt1024x700_data();
}

// From the first field, Tab visits every control of the form once, in reading order: down
// the form, and left to right along a row.
void TestMainWindow::tabOrderFollowsEveryForm()
{
    QFETCH(QString, operationId);
    MainWindow window;
    window.showDeprecatedAction()->setChecked(true);
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.selectOperation(operationId));
    OperationForm *form = window.currentForm();
    QWidget *page = form->formPage();
    QList<QWidget *> controls; // what a person can reach with the keyboard, on screen
    for (QWidget *widget : page->findChildren<QWidget *>()) {
        if (widget->isVisible() && widget->isEnabled() && widget->focusPolicy() & Qt::TabFocus &&
            !widget->focusProxy() && !isInternalPart(widget))
            controls << widget;
    }
    QWidget *first = form->firstField();
    if (!first) {
        QVERIFY2(controls.isEmpty(), qPrintable(operationId)); // a form without fields
        return;
    }
    first->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), first);

    QList<QWidget *> visited{first};
    for (int step = 0; step < 200; ++step) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *now = QApplication::focusWidget();
        if (!now || !page->isAncestorOf(now) || now == first)
            break;
        if (now != visited.last()) // a date field takes a Tab per section
            visited << now;
    }
    QCOMPARE(visited.size(), controls.size());
    auto where = [form](QWidget *widget) {
        return QRect(widget->mapTo(form, QPoint(0, 0)), widget->size()).center();
    };
    for (int i = 1; i < visited.size(); ++i) {
        const QPoint before = where(visited.at(i - 1));
        const QPoint after = where(visited.at(i));
        const bool sameRow = qAbs(after.y() - before.y()) <= 8;
        const QString step =
            u"%1: %2 then %3"_s.arg(operationId, UiTest::accessibleName(visited.at(i - 1)),
                                    UiTest::accessibleName(visited.at(i)));
        QVERIFY2(sameRow ? after.x() > before.x() : after.y() > before.y(), qPrintable(step));
    }
    for (QWidget *control : std::as_const(controls)) {
        QVERIFY2(visited.count(control) == 1,
                 qPrintable(u"%1: %2 is reached %3 times"_s
                                .arg(operationId, UiTest::accessibleName(control))
                                .arg(visited.count(control))));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
