#pragma once

#include "profiles/profile.h"

#include <QFrame>

class QLabel;

// "PRODUCTION — acme (api.journy.io): writes change real customer data", across the window
// while a production profile is active. It has no close button: it goes away only when
// another profile is chosen.
class ProductionBanner : public QFrame {
    Q_OBJECT
public:
    explicit ProductionBanner(QWidget *parent = nullptr);

    // Shows the banner for a production profile, hides it for any other.
    void showProfile(const Profile &profile);
    void clear();
    QString text() const;

private:
    QLabel *m_label;
};
