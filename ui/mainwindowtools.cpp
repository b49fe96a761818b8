// The main window's tools, kept apart from mainwindow.cpp: the HMAC calculator dock, the
// rate-limit gauge with its history dock and 429 banner, and the session's request log with
// "Copy as".

#include "mainwindow.h"

#include "hmacpanel.h"
#include "jsoneditor.h"
#include "navigationpanel.h"
#include "operationform.h"
#include "profilesession.h"
#include "ratelimitbanner.h"
#include "ratelimitchart.h"
#include "ratelimitgauge.h"
#include "requestlogpanel.h"
#include "responseinspector.h"
#include "settings.h"
#include "snippetform.h"

#include "api/journyclient.h"
#include "api/operation.h"
#include "profiles/profile.h"
#include "ratelimit/ratelimithistory.h"
#include "secrets/secretstore.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QMenu *menuTitled(QMenuBar *bar, const QString &title)
{
    for (QAction *action : bar->actions()) {
        if (action->menu() && action->text() == title)
            return action->menu();
    }
    return nullptr;
}
} // namespace

QMenu *MainWindow::toolsMenu()
{
    if (m_toolsMenu)
        return m_toolsMenu;
    if (QMenu *existing = menuBar()->findChild<QMenu *>(u"toolsMenu"_s))
        return m_toolsMenu = existing;
    m_toolsMenu = new QMenu(tr("&Tools"), menuBar());
    m_toolsMenu->setObjectName(u"toolsMenu"_s);
    // File Edit Request Tools View Help
    QMenu *view = menuTitled(menuBar(), tr("&View"));
    if (view)
        menuBar()->insertMenu(view->menuAction(), m_toolsMenu);
    else
        menuBar()->addMenu(m_toolsMenu);
    return m_toolsMenu;
}

void MainWindow::createToolDocks()
{
    QMenu *tools = toolsMenu();
    QMenu *view = menuTitled(menuBar(), tr("&View"));
    if (!view)
        view = tools;
    QMenu *request = menuTitled(menuBar(), tr("&Request"));
    auto *toolbar = findChild<QToolBar *>(u"mainToolBar"_s);
    view->addSeparator();

    // HMAC identity verification (Ctrl+H).
    m_hmacDock = addLazyDock(tr("HMAC identity verification"), u"hmacDock"_s,
                             Qt::RightDockWidgetArea, [this] { hmacPanel(); });
    QAction *hmac = m_hmacDock->toggleViewAction();
    hmac->setText(tr("HMAC calculator"));
    hmac->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    hmac->setToolTip(tr("Identity verification: HMAC of a user or account ID (Ctrl+H)"));
    tools->addAction(hmac);
    view->addAction(hmac);
    // Opened by the user (not restored at start-up): ready to type the secret.
    connect(hmac, &QAction::triggered, this, [this](bool shown) {
        if (shown)
            hmacPanel()->secretEdit()->setFocus();
    });

    // Rate limit: gauge in the status bar, history chart in a dock, banner on a 429.
    m_rateHistory = new RateLimitHistory(this);
    m_rateHistory->attach(m_client);
    connect(this, &MainWindow::connectionChanged, m_rateHistory, &RateLimitHistory::reset);
    m_rateGauge = new RateLimitGauge(m_rateHistory, this);
    statusBar()->addPermanentWidget(m_rateGauge);
    m_rateDock = addLazyDock(tr("Rate-limit history"), u"rateLimitDock"_s, Qt::RightDockWidgetArea,
                             [this] { buildRateLimitDock(); });
    view->addAction(m_rateDock->toggleViewAction());
    tools->addAction(m_rateDock->toggleViewAction());
    connect(m_rateGauge, &QAbstractButton::clicked, this, [this] {
        m_rateDock->show();
        m_rateDock->raise();
    });

    // The banner sits under the toolbar, across the whole window, only while throttled.
    m_rateBanner = new RateLimitBanner(m_rateHistory);
    m_rateBanner->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addToolBarBreak(Qt::TopToolBarArea);
    auto *bannerBar = new QToolBar(tr("Rate-limit banner"), this);
    bannerBar->setObjectName(u"rateLimitBannerBar"_s);
    bannerBar->setMovable(false);
    bannerBar->setFloatable(false);
    bannerBar->toggleViewAction()->setVisible(false);
    bannerBar->addWidget(m_rateBanner);
    addToolBar(Qt::TopToolBarArea, bannerBar);
    connect(m_rateBanner, &RateLimitBanner::showingChanged, bannerBar, &QToolBar::setVisible);

    // The session's request log (recorded from the start; its dock is built when first
    // shown), and "Copy as" for any request or the last one.
    m_requestLog = new RequestLog(this);
    m_requestLog->attach(m_client);
    m_requestLogDock = addLazyDock(tr("Request log"), u"requestLogDock"_s, Qt::BottomDockWidgetArea,
                                   [this] { requestLogPanel(); });
    QAction *log = m_requestLogDock->toggleViewAction();
    log->setToolTip(tr("Every request of this session"));
    tools->addAction(log);
    view->addAction(log);

    auto *copyCurl = new QAction(tr("Copy as curl"), this);
    copyCurl->setObjectName(u"copyAsCurlAction"_s);
    copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyCurl->setShortcutContext(Qt::WindowShortcut);
    copyCurl->setToolTip(tr("The selected or last request as a curl command (Ctrl+Shift+C)"));
    connect(copyCurl, &QAction::triggered, this,
            [this] { requestLogPanel()->copySelectedOrLastAsCurl(); });
    addAction(copyCurl);
    if (request) {
        request->addSeparator();
        request->addAction(copyCurl);
    }

    if (toolbar) {
        toolbar->addSeparator();
        auto *copyAs = new QToolButton(toolbar);
        copyAs->setObjectName(u"copyAsButton"_s);
        copyAs->setText(tr("Copy as"));
        copyAs->setAccessibleName(tr("Copy as"));
        copyAs->setToolTip(tr("The last request as curl, journyctl or an SDK call"));
        copyAs->setPopupMode(QToolButton::InstantPopup);
        copyAs->setMenu(createCopyLastMenu(copyAs));
        toolbar->addWidget(copyAs);
        auto *spacer = new QWidget(toolbar);
        spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        toolbar->addWidget(spacer);
        toolbar->addAction(hmac);
        toolbar->addAction(log);
    }

    const QByteArray state = Settings::mainWindowState.value();
    if (!state.isEmpty())
        restoreState(state);
    bannerBar->setVisible(m_rateBanner->isShowing());
}

// The toolbar's "Copy as": the last request in each format, and whether the key goes in.
QMenu *MainWindow::createCopyLastMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    for (const RequestCode::Format format : RequestCode::formats()) {
        connect(menu->addAction(RequestCode::formatName(format)), &QAction::triggered, this,
                [this, format] { requestLogPanel()->copyLast(format); });
    }
    menu->addSeparator();
    m_includeKeyAction = menu->addAction(tr("Include API key"));
    m_includeKeyAction->setCheckable(true);
    connect(m_includeKeyAction, &QAction::toggled, this,
            [this](bool on) { requestLogPanel()->includeKeyBox()->setChecked(on); });
    return menu;
}

RequestLogPanel *MainWindow::requestLogPanel()
{
    if (m_requestLogPanel)
        return m_requestLogPanel;
    m_requestLogPanel = new RequestLogPanel(m_requestLog);
    m_requestLogPanel->setApiKeyProvider([this] { return m_client->apiKey(); });
    m_requestLogPanel->includeKeyBox()->setChecked(m_includeKeyAction &&
                                                   m_includeKeyAction->isChecked());
    if (m_includeKeyAction) {
        connect(m_requestLogPanel->includeKeyBox(), &QCheckBox::toggled, m_includeKeyAction,
                &QAction::setChecked);
    }
    connect(m_requestLogPanel, &RequestLogPanel::entrySelected, this,
            [this](const RequestLog::Entry &entry) {
                if (entry.finished)
                    m_inspector->showResult(entry.result);
                else
                    m_inspector->showSending(entry.request);
            });
    connect(m_requestLogPanel, &RequestLogPanel::openInFormRequested, this,
            [this](const RequestLog::Entry &entry) {
                openRequestInForm(entry.operationId, entry.request);
            });
    connect(m_requestLogPanel, &RequestLogPanel::resendRequested, this,
            [this](const RequestLog::Entry &entry) {
                resendRequest(entry.operationId, entry.request);
            });
    connect(m_requestLogPanel, &RequestLogPanel::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    m_requestLogDock->setWidget(m_requestLogPanel);
    return m_requestLogPanel;
}

HmacPanel *MainWindow::hmacPanel()
{
    if (!m_hmacPanel) {
        m_hmacPanel = new HmacPanel;
        m_hmacPanel->setForm(currentForm());
        connect(m_navigation, &NavigationPanel::operationSelected, m_hmacPanel,
                [this] { m_hmacPanel->setForm(currentForm()); });
        // The active profile's HMAC secret, when it has one, is a click away.
        auto offer = [this](const Profile &profile) {
            m_hmacPanel->offerProfileSecret(profile.hasHmacSecret ? profile.name : QString());
        };
        offer(m_profileSession->activeProfile());
        connect(m_profileSession, &ProfileSession::activeProfileUpdated, m_hmacPanel, offer);
        connect(m_profileSession, &ProfileSession::connectRequested, m_hmacPanel,
                [offer](const Profile &profile) { offer(profile); });
        connect(m_hmacPanel, &HmacPanel::profileSecretRequested, this, [this] {
            const Profile profile = m_profileSession->activeProfile();
            m_secrets->read(profile.id, SecretKind::HmacSecret, m_hmacPanel,
                            [this, profile](const SecretResult &result) {
                                if (result.ok()) {
                                    m_hmacPanel->secretEdit()->setText(result.secret);
                                    return;
                                }
                                const QString why = result.status == SecretResult::NotFound
                                                        ? tr("the keychain holds none for it")
                                                        : m_secrets->unavailableMessage();
                                statusBar()->showMessage(
                                    tr("No HMAC secret from “%1”: %2").arg(profile.name, why),
                                    10000);
                            });
        });
        m_hmacDock->setWidget(m_hmacPanel);
    }
    return m_hmacPanel;
}

void MainWindow::buildRateLimitDock()
{
    if (m_rateDock->widget())
        return;
    auto *chartPage = new QWidget;
    auto *chartLayout = new QVBoxLayout(chartPage);
    auto *chart = new RateLimitChart(m_rateHistory, chartPage);
    auto *summary = new QLabel(chartPage);
    summary->setWordWrap(true);
    summary->setAccessibleDescription(tr("Rate-limit summary"));
    summary->setText(chart->summary());
    connect(m_rateHistory, &RateLimitHistory::changed, summary,
            [summary, chart] { summary->setText(chart->summary()); });
    auto *note = new QLabel(tr("journy.io counts every request of the key in a sliding "
                               "60-second window; between answers the gauge predicts from this "
                               "app's requests only."),
                            chartPage);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    chartLayout->addWidget(chart, 1);
    chartLayout->addWidget(summary);
    chartLayout->addWidget(note);
    m_rateDock->setWidget(chartPage);
}

bool MainWindow::openRequestInForm(const QString &operationId, const SentRequest &request)
{
    const Operation *operation = OperationCatalogue::find(operationId);
    if (!operation)
        return false;
    if (!selectOperation(operationId)) {
        // Hidden by the navigation filter or as deprecated: make it reachable.
        m_navigation->filter()->clear();
        if (operation->deprecated)
            m_showDeprecatedAction->setChecked(true);
        if (!selectOperation(operationId))
            return false;
    }
    OperationForm *form = currentForm();
    if (form->jsonEditor()) // an edit of the JSON tab: the form follows it
        form->jsonEditor()->textEdit()->setPlainText(QString::fromUtf8(request.body));
    if (auto *snippet = qobject_cast<SnippetForm *>(form)) {
        snippet->domain()->setText(
            QUrlQuery(request.url).queryItemValue(u"domain"_s, QUrl::FullyDecoded));
    }
    statusBar()->showMessage(tr("Opened in the form: %1").arg(operation->summary), 5000);
    return true;
}

void MainWindow::resendRequest(const QString &operationId, const SentRequest &request)
{
    if (isSending()) {
        statusBar()->showMessage(tr("A request is in flight: wait for it or cancel it first."),
                                 5000);
        return;
    }
    if (!openRequestInForm(operationId, request))
        return;
    if (currentForm()->problemCount() > 0)
        sendAnyway(); // asks first, as for any request that fails validation
    else
        send();
}
