# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QStackedWidget, QVBoxLayout, QWidget)

class Ui_FirstRunPage(object):
    def setupUi(self, FirstRunPage):
        if not FirstRunPage.objectName():
            FirstRunPage.setObjectName(u"FirstRunPage")
        FirstRunPage.resize(800, 600)
        self.outerLayout = QHBoxLayout(FirstRunPage)
        self.outerLayout.setObjectName(u"outerLayout")
        self.leftSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outerLayout.addItem(self.leftSpacer)

        self.steps = QStackedWidget(FirstRunPage)
        self.steps.setObjectName(u"steps")
        self.steps.setMaximumSize(QSize(640, 16777215))
        self.passphraseStep = QWidget()
        self.passphraseStep.setObjectName(u"passphraseStep")
        self.passphraseStepLayout = QVBoxLayout(self.passphraseStep)
        self.passphraseStepLayout.setObjectName(u"passphraseStepLayout")
        self.passphraseHeading = QLabel(self.passphraseStep)
        self.passphraseHeading.setObjectName(u"passphraseHeading")

        self.passphraseStepLayout.addWidget(self.passphraseHeading)

        self.passphraseExplanation = QLabel(self.passphraseStep)
        self.passphraseExplanation.setObjectName(u"passphraseExplanation")
        self.passphraseExplanation.setWordWrap(True)

        self.passphraseStepLayout.addWidget(self.passphraseExplanation)

        self.passphraseLabel = QLabel(self.passphraseStep)
        self.passphraseLabel.setObjectName(u"passphraseLabel")

        self.passphraseStepLayout.addWidget(self.passphraseLabel)

        self.passphraseEdit = QLineEdit(self.passphraseStep)
        self.passphraseEdit.setObjectName(u"passphraseEdit")
        self.passphraseEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseStepLayout.addWidget(self.passphraseEdit)

        self.strengthLabel = QLabel(self.passphraseStep)
        self.strengthLabel.setObjectName(u"strengthLabel")
        self.strengthLabel.setWordWrap(True)

        self.passphraseStepLayout.addWidget(self.strengthLabel)

        self.repeatLabel = QLabel(self.passphraseStep)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.passphraseStepLayout.addWidget(self.repeatLabel)

        self.repeatEdit = QLineEdit(self.passphraseStep)
        self.repeatEdit.setObjectName(u"repeatEdit")
        self.repeatEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseStepLayout.addWidget(self.repeatEdit)

        self.passphraseMessage = QLabel(self.passphraseStep)
        self.passphraseMessage.setObjectName(u"passphraseMessage")
        self.passphraseMessage.setWordWrap(True)

        self.passphraseStepLayout.addWidget(self.passphraseMessage)

        self.creatingBar = QProgressBar(self.passphraseStep)
        self.creatingBar.setObjectName(u"creatingBar")
        self.creatingBar.setMaximum(0)
        self.creatingBar.setTextVisible(False)

        self.passphraseStepLayout.addWidget(self.creatingBar)

        self.passphraseButtons = QHBoxLayout()
        self.passphraseButtons.setObjectName(u"passphraseButtons")
        self.createButton = QPushButton(self.passphraseStep)
        self.createButton.setObjectName(u"createButton")
        self.createButton.setAutoDefault(True)

        self.passphraseButtons.addWidget(self.createButton)

        self.passphraseButtonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.passphraseButtons.addItem(self.passphraseButtonSpacer)


        self.passphraseStepLayout.addLayout(self.passphraseButtons)

        self.passphraseSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.passphraseStepLayout.addItem(self.passphraseSpacer)

        self.steps.addWidget(self.passphraseStep)
        self.recoveryStep = QWidget()
        self.recoveryStep.setObjectName(u"recoveryStep")
        self.recoveryStepLayout = QVBoxLayout(self.recoveryStep)
        self.recoveryStepLayout.setObjectName(u"recoveryStepLayout")
        self.recoveryHeading = QLabel(self.recoveryStep)
        self.recoveryHeading.setObjectName(u"recoveryHeading")

        self.recoveryStepLayout.addWidget(self.recoveryHeading)

        self.recoveryExplanation = QLabel(self.recoveryStep)
        self.recoveryExplanation.setObjectName(u"recoveryExplanation")
        self.recoveryExplanation.setWordWrap(True)

        self.recoveryStepLayout.addWidget(self.recoveryExplanation)

        self.recoveryKeyLabel = QLabel(self.recoveryStep)
        self.recoveryKeyLabel.setObjectName(u"recoveryKeyLabel")

        self.recoveryStepLayout.addWidget(self.recoveryKeyLabel)

        self.recoveryButtons = QHBoxLayout()
        self.recoveryButtons.setObjectName(u"recoveryButtons")
        self.printKeyButton = QPushButton(self.recoveryStep)
        self.printKeyButton.setObjectName(u"printKeyButton")

        self.recoveryButtons.addWidget(self.printKeyButton)

        self.saveKeyButton = QPushButton(self.recoveryStep)
        self.saveKeyButton.setObjectName(u"saveKeyButton")

        self.recoveryButtons.addWidget(self.saveKeyButton)

        self.recoveryButtonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.recoveryButtons.addItem(self.recoveryButtonSpacer)


        self.recoveryStepLayout.addLayout(self.recoveryButtons)

        self.recoveryMessage = QLabel(self.recoveryStep)
        self.recoveryMessage.setObjectName(u"recoveryMessage")
        self.recoveryMessage.setWordWrap(True)

        self.recoveryStepLayout.addWidget(self.recoveryMessage)

        self.recoveryNextRow = QHBoxLayout()
        self.recoveryNextRow.setObjectName(u"recoveryNextRow")
        self.recoveryContinueButton = QPushButton(self.recoveryStep)
        self.recoveryContinueButton.setObjectName(u"recoveryContinueButton")
        self.recoveryContinueButton.setAutoDefault(True)

        self.recoveryNextRow.addWidget(self.recoveryContinueButton)

        self.recoveryNextSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.recoveryNextRow.addItem(self.recoveryNextSpacer)


        self.recoveryStepLayout.addLayout(self.recoveryNextRow)

        self.recoverySpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.recoveryStepLayout.addItem(self.recoverySpacer)

        self.steps.addWidget(self.recoveryStep)
        self.confirmStep = QWidget()
        self.confirmStep.setObjectName(u"confirmStep")
        self.confirmStepLayout = QVBoxLayout(self.confirmStep)
        self.confirmStepLayout.setObjectName(u"confirmStepLayout")
        self.confirmHeading = QLabel(self.confirmStep)
        self.confirmHeading.setObjectName(u"confirmHeading")

        self.confirmStepLayout.addWidget(self.confirmHeading)

        self.confirmExplanation = QLabel(self.confirmStep)
        self.confirmExplanation.setObjectName(u"confirmExplanation")
        self.confirmExplanation.setWordWrap(True)

        self.confirmStepLayout.addWidget(self.confirmExplanation)

        self.lastGroupLabel = QLabel(self.confirmStep)
        self.lastGroupLabel.setObjectName(u"lastGroupLabel")

        self.confirmStepLayout.addWidget(self.lastGroupLabel)

        self.lastGroupEdit = QLineEdit(self.confirmStep)
        self.lastGroupEdit.setObjectName(u"lastGroupEdit")

        self.confirmStepLayout.addWidget(self.lastGroupEdit)

        self.confirmMessage = QLabel(self.confirmStep)
        self.confirmMessage.setObjectName(u"confirmMessage")
        self.confirmMessage.setWordWrap(True)

        self.confirmStepLayout.addWidget(self.confirmMessage)

        self.confirmButtons = QHBoxLayout()
        self.confirmButtons.setObjectName(u"confirmButtons")
        self.showKeyAgainButton = QPushButton(self.confirmStep)
        self.showKeyAgainButton.setObjectName(u"showKeyAgainButton")

        self.confirmButtons.addWidget(self.showKeyAgainButton)

        self.confirmButton = QPushButton(self.confirmStep)
        self.confirmButton.setObjectName(u"confirmButton")
        self.confirmButton.setAutoDefault(True)

        self.confirmButtons.addWidget(self.confirmButton)

        self.confirmButtonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.confirmButtons.addItem(self.confirmButtonSpacer)


        self.confirmStepLayout.addLayout(self.confirmButtons)

        self.confirmSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.confirmStepLayout.addItem(self.confirmSpacer)

        self.steps.addWidget(self.confirmStep)
        self.detailsStep = QWidget()
        self.detailsStep.setObjectName(u"detailsStep")
        self.detailsStepLayout = QVBoxLayout(self.detailsStep)
        self.detailsStepLayout.setObjectName(u"detailsStepLayout")
        self.detailsHeading = QLabel(self.detailsStep)
        self.detailsHeading.setObjectName(u"detailsHeading")

        self.detailsStepLayout.addWidget(self.detailsHeading)

        self.detailsExplanation = QLabel(self.detailsStep)
        self.detailsExplanation.setObjectName(u"detailsExplanation")
        self.detailsExplanation.setWordWrap(True)

        self.detailsStepLayout.addWidget(self.detailsExplanation)

        self.workerNameLabel = QLabel(self.detailsStep)
        self.workerNameLabel.setObjectName(u"workerNameLabel")

        self.detailsStepLayout.addWidget(self.workerNameLabel)

        self.workerNameEdit = QLineEdit(self.detailsStep)
        self.workerNameEdit.setObjectName(u"workerNameEdit")

        self.detailsStepLayout.addWidget(self.workerNameEdit)

        self.agencyLabel = QLabel(self.detailsStep)
        self.agencyLabel.setObjectName(u"agencyLabel")

        self.detailsStepLayout.addWidget(self.agencyLabel)

        self.agencyEdit = QLineEdit(self.detailsStep)
        self.agencyEdit.setObjectName(u"agencyEdit")

        self.detailsStepLayout.addWidget(self.agencyEdit)

        self.contactLabel = QLabel(self.detailsStep)
        self.contactLabel.setObjectName(u"contactLabel")

        self.detailsStepLayout.addWidget(self.contactLabel)

        self.contactEdit = QLineEdit(self.detailsStep)
        self.contactEdit.setObjectName(u"contactEdit")

        self.detailsStepLayout.addWidget(self.contactEdit)

        self.mashLabel = QLabel(self.detailsStep)
        self.mashLabel.setObjectName(u"mashLabel")

        self.detailsStepLayout.addWidget(self.mashLabel)

        self.mashEdit = QLineEdit(self.detailsStep)
        self.mashEdit.setObjectName(u"mashEdit")

        self.detailsStepLayout.addWidget(self.mashEdit)

        self.detailsMessage = QLabel(self.detailsStep)
        self.detailsMessage.setObjectName(u"detailsMessage")
        self.detailsMessage.setWordWrap(True)

        self.detailsStepLayout.addWidget(self.detailsMessage)

        self.detailsButtons = QHBoxLayout()
        self.detailsButtons.setObjectName(u"detailsButtons")
        self.finishButton = QPushButton(self.detailsStep)
        self.finishButton.setObjectName(u"finishButton")
        self.finishButton.setAutoDefault(True)

        self.detailsButtons.addWidget(self.finishButton)

        self.detailsButtonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.detailsButtons.addItem(self.detailsButtonSpacer)


        self.detailsStepLayout.addLayout(self.detailsButtons)

        self.detailsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.detailsStepLayout.addItem(self.detailsSpacer)

        self.steps.addWidget(self.detailsStep)

        self.outerLayout.addWidget(self.steps)

        self.rightSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outerLayout.addItem(self.rightSpacer)

#if QT_CONFIG(shortcut)
        self.passphraseLabel.setBuddy(self.passphraseEdit)
        self.repeatLabel.setBuddy(self.repeatEdit)
        self.lastGroupLabel.setBuddy(self.lastGroupEdit)
        self.workerNameLabel.setBuddy(self.workerNameEdit)
        self.agencyLabel.setBuddy(self.agencyEdit)
        self.contactLabel.setBuddy(self.contactEdit)
        self.mashLabel.setBuddy(self.mashEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphraseEdit, self.repeatEdit)
        QWidget.setTabOrder(self.repeatEdit, self.createButton)
        QWidget.setTabOrder(self.createButton, self.printKeyButton)
        QWidget.setTabOrder(self.printKeyButton, self.saveKeyButton)
        QWidget.setTabOrder(self.saveKeyButton, self.recoveryContinueButton)
        QWidget.setTabOrder(self.recoveryContinueButton, self.lastGroupEdit)
        QWidget.setTabOrder(self.lastGroupEdit, self.showKeyAgainButton)
        QWidget.setTabOrder(self.showKeyAgainButton, self.confirmButton)
        QWidget.setTabOrder(self.confirmButton, self.workerNameEdit)
        QWidget.setTabOrder(self.workerNameEdit, self.agencyEdit)
        QWidget.setTabOrder(self.agencyEdit, self.contactEdit)
        QWidget.setTabOrder(self.contactEdit, self.mashEdit)
        QWidget.setTabOrder(self.mashEdit, self.finishButton)

        self.retranslateUi(FirstRunPage)

        QMetaObject.connectSlotsByName(FirstRunPage)
    # setupUi

    def retranslateUi(self, FirstRunPage):
        self.passphraseHeading.setText(QCoreApplication.translate("FirstRunPage", u"Welcome to CE Desktop: choose a passphrase", None))
        self.passphraseExplanation.setText(QCoreApplication.translate("FirstRunPage", u"Your assessments are kept encrypted on this laptop. The passphrase opens them. Use at least 15 characters: a few unrelated words are easy to remember and hard to guess, for example \"kettle orbit lantern seven\". Common phrases are refused because they are easy to guess.", None))
        self.passphraseLabel.setText(QCoreApplication.translate("FirstRunPage", u"Passphrase", None))
#if QT_CONFIG(accessibility)
        self.passphraseEdit.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.strengthLabel.setText("")
#if QT_CONFIG(accessibility)
        self.strengthLabel.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Passphrase strength", None))
#endif // QT_CONFIG(accessibility)
        self.repeatLabel.setText(QCoreApplication.translate("FirstRunPage", u"Type the passphrase again", None))
#if QT_CONFIG(accessibility)
        self.repeatEdit.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Type the passphrase again", None))
#endif // QT_CONFIG(accessibility)
        self.passphraseMessage.setText("")
#if QT_CONFIG(accessibility)
        self.passphraseMessage.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Message", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.creatingBar.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Setting up", None))
#endif // QT_CONFIG(accessibility)
        self.createButton.setText(QCoreApplication.translate("FirstRunPage", u"Continue", None))
        self.recoveryHeading.setText(QCoreApplication.translate("FirstRunPage", u"Your recovery key", None))
        self.recoveryExplanation.setText(QCoreApplication.translate("FirstRunPage", u"If you forget your passphrase, this recovery key is the only way to open your assessments. It is shown only once. Print it or save it as a file, and keep it somewhere safe away from this laptop.", None))
        self.recoveryKeyLabel.setText("")
#if QT_CONFIG(accessibility)
        self.recoveryKeyLabel.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Recovery key", None))
#endif // QT_CONFIG(accessibility)
        self.printKeyButton.setText(QCoreApplication.translate("FirstRunPage", u"Print", None))
        self.saveKeyButton.setText(QCoreApplication.translate("FirstRunPage", u"Save as file", None))
        self.recoveryMessage.setText("")
#if QT_CONFIG(accessibility)
        self.recoveryMessage.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.recoveryContinueButton.setText(QCoreApplication.translate("FirstRunPage", u"I have kept it safe \u2013 continue", None))
        self.confirmHeading.setText(QCoreApplication.translate("FirstRunPage", u"Check your recovery key", None))
        self.confirmExplanation.setText(QCoreApplication.translate("FirstRunPage", u"To make sure you have kept it, type the last group of your recovery key (the characters after the last dash).", None))
        self.lastGroupLabel.setText(QCoreApplication.translate("FirstRunPage", u"Last group of the recovery key", None))
#if QT_CONFIG(accessibility)
        self.lastGroupEdit.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Last group of the recovery key", None))
#endif // QT_CONFIG(accessibility)
        self.confirmMessage.setText("")
#if QT_CONFIG(accessibility)
        self.confirmMessage.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.showKeyAgainButton.setText(QCoreApplication.translate("FirstRunPage", u"Back to the recovery key", None))
        self.confirmButton.setText(QCoreApplication.translate("FirstRunPage", u"Continue", None))
        self.detailsHeading.setText(QCoreApplication.translate("FirstRunPage", u"About you", None))
        self.detailsExplanation.setText(QCoreApplication.translate("FirstRunPage", u"These details fill in \"Name of person completing\", \"Agency\" and the contact details on each new assessment. You can change them later in Settings.", None))
        self.workerNameLabel.setText(QCoreApplication.translate("FirstRunPage", u"Your name", None))
#if QT_CONFIG(accessibility)
        self.workerNameEdit.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.agencyLabel.setText(QCoreApplication.translate("FirstRunPage", u"Agency", None))
#if QT_CONFIG(accessibility)
        self.agencyEdit.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Agency", None))
#endif // QT_CONFIG(accessibility)
        self.contactLabel.setText(QCoreApplication.translate("FirstRunPage", u"Contact details (optional)", None))
#if QT_CONFIG(accessibility)
        self.contactEdit.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Contact details (optional)", None))
#endif // QT_CONFIG(accessibility)
        self.mashLabel.setText(QCoreApplication.translate("FirstRunPage", u"MASH email address (where assessments are sent)", None))
#if QT_CONFIG(accessibility)
        self.mashEdit.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"MASH email address (where assessments are sent)", None))
#endif // QT_CONFIG(accessibility)
        self.detailsMessage.setText("")
#if QT_CONFIG(accessibility)
        self.detailsMessage.setAccessibleName(QCoreApplication.translate("FirstRunPage", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.finishButton.setText(QCoreApplication.translate("FirstRunPage", u"Finish and start", None))
        pass
    # retranslateUi

