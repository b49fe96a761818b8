#include "jsoneditor.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "operationform.h"
#include "sandboxbrowser.h"
#include "uitest.h"

#include "sandboxserver.h"
#include "sandboxstate.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeView>
#include <QtTest>

using namespace Qt::StringLiterals;

// The sandbox browser dock, driven through the window: payloads sent from the forms' JSON
// tabs to the in-process sandbox, and what the browser lists afterwards.
class TestSandboxBrowser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dockIsInTheViewMenu();
    void usersWithTypedPropertiesNewestFirst();
    void accountsWithMembersAndRemovedMembers();
    void eventsWithMetadataNewestFirst();
    void linksAreListed();
    void filterNarrowsEveryTab();
    void hiddenBrowserCatchesUpWhenShown();
    void resetAsksFirst();
    void onlyForTheSandboxConnection();
    void readsOnADarkPalette();

private:
    // The View menu's toggle, as a click on it does.
    void showBrowser(bool on)
    {
        if (m_window->sandboxBrowserAction()->isChecked() != on)
            m_window->sandboxBrowserAction()->trigger();
    }
    // Sends `body` through the operation's JSON tab and returns the status.
    int send(const QString &operationId, const QString &body);
    // The row of `parent` whose first column is `text`, or an invalid index.
    static QModelIndex child(const QStandardItemModel *model, const QModelIndex &parent,
                             const QString &text);
    static QString cell(const QStandardItemModel *model, const QModelIndex &index, int column)
    {
        return model->index(index.row(), column, index.parent()).data().toString();
    }

    QTemporaryDir m_settingsDir;
    MainWindow *m_window = nullptr;
    SandboxBrowser *m_browser = nullptr;
};

void TestSandboxBrowser::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestSandboxBrowser::init()
{
    QSettings().clear();
    m_window = new MainWindow;
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(m_window->startBuiltInSandbox());
    m_browser = m_window->sandboxBrowser();
    QVERIFY(m_browser);
    showBrowser(true);
    QTRY_VERIFY(m_browser->isVisible());
}

void TestSandboxBrowser::cleanup()
{
    delete m_window;
    m_window = nullptr;
    m_browser = nullptr;
}

int TestSandboxBrowser::send(const QString &operationId, const QString &body)
{
    if (!m_window->selectOperation(operationId))
        return -1;
    OperationForm *form = m_window->currentForm();
    form->setJsonVisible(true);
    form->jsonEditor()->textEdit()->setPlainText(body);
    return UiTest::sendAndWait(*m_window).status;
}

QModelIndex TestSandboxBrowser::child(const QStandardItemModel *model, const QModelIndex &parent,
                                      const QString &text)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        if (index.data().toString() == text)
            return index;
    }
    return {};
}

void TestSandboxBrowser::dockIsInTheViewMenu()
{
    auto *dock = m_window->findChild<QDockWidget *>(u"sandboxBrowserDock"_s);
    QVERIFY(dock);
    QVERIFY(dock->isVisible());
    QCOMPARE(dock->widget(), m_browser);
    QCOMPARE(m_browser->state(), m_window->sandbox()->state());
    showBrowser(false);
    QVERIFY(!dock->isVisible());
    // Every control is named for screen readers.
    QCOMPARE(UiTest::accessibleName(m_browser->filter()), u"Filter"_s);
    QCOMPARE(UiTest::accessibleName(m_browser->resetButton()), u"Reset"_s);
    QCOMPARE(UiTest::accessibleName(m_browser->view(SandboxBrowser::Events)), u"Events"_s);
}

void TestSandboxBrowser::usersWithTypedPropertiesNewestFirst()
{
    QCOMPARE(
        send(u"upsertUser"_s, uR"({"identification": {"userId": "20", "email": "john@acme.com"},
                       "properties": {"plan": "Pro", "mrr": 399.5, "beta": true,
                                      "signed_up": "2024-03-01T09:30:00.000Z",
                                      "tags": ["a", "b"]}})"_s),
        201);
    QStandardItemModel *users = m_browser->model(SandboxBrowser::Users);
    QTRY_COMPARE(users->rowCount(), 1);
    const QModelIndex john = users->index(0, 0);
    QCOMPARE(john.data().toString(), u"userId 20 · email john@acme.com"_s);
    QCOMPARE(cell(users, john, 1), u"5 properties"_s);
    // The entry a send created opens by itself.
    QVERIFY(m_browser->view(SandboxBrowser::Users)->isExpanded(john));
    const struct {
        QString name, value, type;
    } expected[] = {{u"plan"_s, u"Pro"_s, u"string"_s},
                    {u"mrr"_s, u"399.5"_s, u"number"_s},
                    {u"beta"_s, u"true"_s, u"boolean"_s},
                    {u"signed_up"_s, u"2024-03-01T09:30:00.000Z"_s, u"datetime"_s},
                    {u"tags"_s, u"[\"a\",\"b\"]"_s, u"list of strings"_s}};
    for (const auto &property : expected) {
        const QModelIndex index = child(users, john, property.name);
        QVERIFY2(index.isValid(), qPrintable(property.name));
        QCOMPARE(cell(users, index, 1), property.value);
        QCOMPARE(cell(users, index, 2), property.type);
    }
    QCOMPARE(m_browser->tabs()->tabText(SandboxBrowser::Users), u"Users (1)"_s);

    // A second user comes first; updating the first brings it back to the top.
    QCOMPARE(send(u"upsertUser"_s, uR"({"identification": {"email": "ann@acme.com"}})"_s), 201);
    QTRY_COMPARE(users->rowCount(), 2);
    QCOMPARE(users->index(0, 0).data().toString(), u"email ann@acme.com"_s);
    QTest::qWait(5); // updatedAt has millisecond resolution
    QCOMPARE(send(u"upsertUser"_s,
                  uR"({"identification": {"userId": "20"}, "properties": {"plan": null}})"_s),
             201);
    QTRY_COMPARE(users->index(0, 0).data().toString(), u"userId 20 · email john@acme.com"_s);
    QVERIFY(!child(users, users->index(0, 0), u"plan"_s).isValid());
    QCOMPARE(cell(users, users->index(0, 0), 1), u"4 properties"_s);
}

void TestSandboxBrowser::accountsWithMembersAndRemovedMembers()
{
    QCOMPARE(send(u"upsertAccount"_s, uR"({"identification": {"accountId": "acme",
                  "domain": "acme.com"}, "properties": {"seats": 12}})"_s),
             201);
    QCOMPARE(send(u"addUserToAccount"_s, uR"({"account": {"accountId": "acme"}, "users": [
                  {"identification": {"userId": "20"}},
                  {"identification": {"userId": "21", "email": "ann@acme.com"}}]})"_s),
             201);
    QCOMPARE(send(u"removeUserFromAccount"_s, uR"({"account": {"domain": "acme.com"},
                  "users": [{"identification": {"userId": "21"}}]})"_s),
             204);
    QStandardItemModel *accounts = m_browser->model(SandboxBrowser::Accounts);
    QTRY_COMPARE(accounts->rowCount(), 1);
    const QModelIndex acme = accounts->index(0, 0);
    QCOMPARE(acme.data().toString(), u"accountId acme · domain acme.com"_s);
    QCOMPARE(cell(accounts, acme, 1), u"1 property · 1 member · 1 removed"_s);

    const QModelIndex properties = child(accounts, acme, u"Properties (1)"_s);
    QVERIFY(properties.isValid());
    const QModelIndex seats = child(accounts, properties, u"seats"_s);
    QCOMPARE(cell(accounts, seats, 1), u"12"_s);
    QCOMPARE(cell(accounts, seats, 2), u"number"_s);

    const QModelIndex members = child(accounts, acme, u"Members (1)"_s);
    QVERIFY(members.isValid());
    QVERIFY(child(accounts, members, u"userId 20"_s).isValid());
    const QModelIndex removed = child(accounts, acme, u"Removed members (1)"_s);
    QVERIFY(removed.isValid());
    const QModelIndex ann = child(accounts, removed, u"userId 21 · email ann@acme.com"_s);
    QVERIFY(ann.isValid());
    QVERIFY(!cell(accounts, ann, 3).isEmpty()); // when it was removed
    QVERIFY(m_browser->view(SandboxBrowser::Accounts)->isExpanded(removed));

    // The user's side says the same.
    QStandardItemModel *users = m_browser->model(SandboxBrowser::Users);
    QModelIndex user21;
    for (int r = 0; r < users->rowCount(); ++r) {
        if (users->index(r, 0).data().toString().startsWith(u"userId 21"_s))
            user21 = users->index(r, 0);
    }
    QVERIFY(user21.isValid());
    const QModelIndex membership = child(users, user21, u"accountId acme · domain acme.com"_s);
    QCOMPARE(cell(users, membership, 2), u"removed from account"_s);
}

void TestSandboxBrowser::eventsWithMetadataNewestFirst()
{
    QCOMPARE(send(u"trackEvent"_s, uR"({"identification": {"user": {"userId": "20"}},
                  "name": "signed_in", "triggeredAt": "2024-03-01T09:30:00+02:00"})"_s),
             201);
    QCOMPARE(send(u"trackEvent"_s, uR"({"identification": {"user": {"userId": "20"},
                  "account": {"domain": "acme.com"}}, "name": "created_invoice",
                  "metadata": {"amount": 42, "paid": false, "plan": "Pro"}})"_s),
             201);
    QStandardItemModel *events = m_browser->model(SandboxBrowser::Events);
    QTRY_COMPARE(events->rowCount(), 2);
    const QModelIndex newest = events->index(0, 0);
    QCOMPARE(newest.data().toString(), u"created_invoice"_s);
    QCOMPARE(cell(events, newest, 1), u"user: userId 20 · account: domain acme.com"_s);
    QCOMPARE(cell(events, newest, 2), u"event"_s);
    QVERIFY(!cell(events, newest, 3).isEmpty()); // defaults to the time it arrived
    QCOMPARE(cell(events, child(events, newest, u"amount"_s), 1), u"42"_s);
    QCOMPARE(cell(events, child(events, newest, u"paid"_s), 2), u"boolean"_s);
    QCOMPARE(cell(events, child(events, newest, u"plan"_s), 1), u"Pro"_s);

    const QModelIndex older = events->index(1, 0);
    QCOMPARE(older.data().toString(), u"signed_in"_s);
    QCOMPARE(cell(events, older, 3), u"2024-03-01T09:30:00+02:00"_s); // exactly as sent
}

void TestSandboxBrowser::linksAreListed()
{
    QCOMPARE(send(u"link"_s, uR"({"deviceId": "cookie-123",
                  "identification": {"userId": "20"}})"_s),
             201);
    QStandardItemModel *links = m_browser->model(SandboxBrowser::Links);
    QTRY_COMPARE(links->rowCount(), 1);
    QCOMPARE(links->index(0, 0).data().toString(), u"cookie-123"_s);
    QCOMPARE(links->index(0, 1).data().toString(), u"userId 20"_s);
}

void TestSandboxBrowser::filterNarrowsEveryTab()
{
    SandboxState *state = m_window->sandbox()->state();
    state->upsert(SandboxScope::Users, {{u"userId"_s, u"20"_s}}, {{u"plan"_s, u"Pro"_s}});
    state->upsert(SandboxScope::Users, {{u"userId"_s, u"21"_s}}, {{u"plan"_s, u"Free"_s}});
    state->upsert(SandboxScope::Users, {{u"email"_s, u"pro@acme.com"_s}}, {});
    state->trackEvent(u"trackEvent"_s, {{u"user"_s, QJsonObject{{u"userId"_s, u"21"_s}}}},
                      u"upgraded"_s, {{u"to"_s, u"pro"_s}}, {});
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 3);

    QTest::keyClicks(m_browser->filter(), u"PRO"_s);
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 2);
    QCOMPARE(m_browser->matchCount(SandboxBrowser::Users), 2);
    QCOMPARE(m_browser->totalCount(SandboxBrowser::Users), 3);
    QCOMPARE(m_browser->tabs()->tabText(SandboxBrowser::Users), u"Users (2 of 3)"_s);
    QCOMPARE(m_browser->model(SandboxBrowser::Events)->rowCount(), 1);
    QCOMPARE(m_browser->model(SandboxBrowser::Accounts)->rowCount(), 0);

    QTest::keyClicks(m_browser->filter(), u"-nothing"_s);
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 0);
    QVERIFY(m_browser->summaryLabel()->text().contains(u"matches"_s));
    m_browser->filter()->clear();
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 3);
}

void TestSandboxBrowser::hiddenBrowserCatchesUpWhenShown()
{
    showBrowser(false);
    QTRY_VERIFY(!m_browser->isVisible());
    QSignalSpy refreshed(m_browser, &SandboxBrowser::refreshed);
    QCOMPARE(send(u"upsertUser"_s, uR"({"identification": {"userId": "7"}})"_s), 201);
    QCoreApplication::processEvents();
    QCOMPARE(refreshed.count(), 0); // no work while nobody looks
    showBrowser(true);
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 1);
    QCOMPARE(refreshed.count(), 1);
}

void TestSandboxBrowser::resetAsksFirst()
{
    SandboxState *state = m_window->sandbox()->state();
    state->upsert(SandboxScope::Users, {{u"userId"_s, u"20"_s}}, {});
    state->upsert(SandboxScope::Accounts, {{u"accountId"_s, u"acme"_s}}, {});
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 1);

    MessageBox::setNextAnswer(false);
    QTest::mouseClick(m_browser->resetButton(), Qt::LeftButton);
    QVERIFY(MessageBox::lastQuestion().contains(u"1 user, 1 account, 0 events"_s));
    QCOMPARE(state->userCount(), 1);
    QCOMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 1);

    MessageBox::setNextAnswer(true);
    QTest::mouseClick(m_browser->resetButton(), Qt::LeftButton);
    QCOMPARE(state->userCount(), 0);
    QCOMPARE(state->accountCount(), 0);
    QCOMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 0);
    QCOMPARE(m_browser->model(SandboxBrowser::Accounts)->rowCount(), 0);
    // The key still works after a reset.
    QCOMPARE(send(u"upsertUser"_s, uR"({"identification": {"userId": "1"}})"_s), 201);
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 1);
}

void TestSandboxBrowser::onlyForTheSandboxConnection()
{
    m_window->connectTo(QUrl(u"http://127.0.0.1:9"_s), u"some-key"_s, u"elsewhere"_s);
    QVERIFY(!m_browser->state());
    QVERIFY(!m_browser->resetButton()->isEnabled());
    QVERIFY(!m_browser->tabs()->isVisible());
    QCOMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 0);
    QVERIFY(m_window->startBuiltInSandbox());
    QCOMPARE(m_browser->state(), m_window->sandbox()->state());
    QVERIFY(m_browser->resetButton()->isEnabled());
    QTRY_VERIFY(m_browser->tabs()->isVisible());
}

void TestSandboxBrowser::readsOnADarkPalette()
{
    m_window->setPalette(UiTest::darkPalette());
    QCOMPARE(send(u"upsertUser"_s, uR"({"identification": {"userId": "20"},
                  "properties": {"plan": "Pro"}})"_s),
             201);
    QTRY_COMPARE(m_browser->model(SandboxBrowser::Users)->rowCount(), 1);
    QApplication::processEvents();
    const QImage image = m_browser->grab().toImage();
    QVERIFY(!image.isNull());
    const QString dir = qEnvironmentVariable("JOURNY_SCREENSHOT_DIR");
    if (!dir.isEmpty() && QDir().mkpath(dir))
        QVERIFY(image.save(dir + u"/sandbox-browser-dark.png"_s));
    // Light text on a dark ground: the view's text colour differs clearly from its base.
    const QPalette used = m_browser->view(SandboxBrowser::Users)->palette();
    QVERIFY(qAbs(used.color(QPalette::Text).lightness() - used.color(QPalette::Base).lightness()) >
            128);
}

QTEST_MAIN(TestSandboxBrowser)
#include "tst_sandboxbrowser.moc"
