"""English analyzers: for every label of every coded dimension, a positive sentence, a near miss
and, where it applies, a negated sentence (all written for the purpose).

Each row: (dimension, label, text, expected) with expected one of
``"coded"`` (the statement, by an official, gets the label in its column),
``"absent"`` (no span of that label at all), ``"negated"`` (a negated span
of that label exists and the label is not coded).

Audience labels are coded on corrective statements only, so their positive
sentences also carry an apology, a blame shift or a remediation, as real ones do.
"""

from __future__ import annotations

import pytest

from tests.conftest import check_claim, check_label

CASES = [
    # --- audience (CODEBOOK §2) ---
    ("audience", "national_public", "We apologise to the American people for this unacceptable post.", "coded"),
    ("audience", "national_public", "The Ministry informs the public that its website was briefly hacked this morning.", "coded"),
    ("audience", "national_public", "To our fellow citizens: we deeply regret the message published on this account.", "coded"),
    ('audience', 'national_public', 'We are sorry to the traveling public for the delays.', 'coded'),
    ('audience', 'national_public', 'I want to thank Canadians for their patience, and I apologise.', 'coded'),
    ("audience", "national_public", "The people responsible for this post have been identified and suspended.", "absent"),
    ("audience", "international_community", "The Presidency reassures the international community that the account was hacked.", "coded"),
    ("audience", "international_community", "We apologise to our partners around the world for the offensive tweet.", "coded"),
    ("audience", "international_community", "The attack was carried out by an international criminal group.", "absent"),
    ("audience", "international_community", "Our partners at Twitter have been informed of the incident.", "absent"),
    ("audience", "customers", "We sincerely apologise to our customers for the inconvenience.", "coded"),
    ("audience", "customers", "Dear passengers, we are sorry for the delays caused by the system outage.", "coded"),
    ("audience", "customers", "We want to reassure our users that the tweet has been deleted.", "coded"),
    ("audience", "customers", "A customer posted the video on Facebook before we apologised.", "absent"),
    ('audience', 'customers', 'We are extremely sorry for the inconvenience this is causing our customers.', 'coded'),
    ('audience', 'customers', 'The outage caused delays; our engineers are fixing it and we apologise.', 'absent'),
    ('audience', 'affected_people', 'To each and every person affected by this breach, I am deeply sorry.', 'coded'),
    ('audience', 'customers', 'To our valued customers: we apologise for the disruption.', 'coded'),
    ("audience", "employees", "In a memo to all employees, the CEO apologised for the post.", "coded"),
    ("audience", "employees", "We have informed our staff that the account was compromised by hackers.", "coded"),
    ("audience", "employees", "An employee mistakenly posted the tweet from the wrong account.", "absent"),
    ("audience", "investors", "We want to reassure our shareholders that the breach was limited to a few servers.", "coded"),
    ("audience", "investors", "In a letter to investors, the company apologised for the data breach.", "coded"),
    ("audience", "investors", "The stolen data was later offered for sale on a black market, we regret to say.", "absent"),
    ("audience", "media", "We thank members of the press for their patience while the investigation is under way.", "coded"),
    ("audience", "media", "We would like to inform the media that the account has been secured.", "coded"),
    ("audience", "media", "This is a smear campaign orchestrated by the media.", "absent"),
    ("audience", "authorities", "Chairman Thune, Ranking Member Nelson, I am sorry that we did not do more.", "coded"),
    ("audience", "authorities", "I appreciate the opportunity to appear before this committee today and I apologise.", "coded"),
    ("audience", "authorities", "We assure regulators that an independent audit is under way.", "coded"),
    ('audience', 'authorities', 'Mr. Speaker, I rise to apologise to this House.', 'coded'),
    ("audience", "authorities", "We have contacted the police and filed a complaint.", "absent"),
    ("audience", "followers", "To our followers: we apologise for the tweets posted by hackers last night.", "coded"),
    ("audience", "followers", "We apologise to all our followers for the offensive messages.", "coded"),
    ("audience", "followers", "Dear fans, the posts were not from us: our account was hacked.", "coded"),
    ("audience", "followers", "Our community manager made an error and the post has been removed.", "absent"),
    ("audience", "followers", "The hackers gained thousands of followers overnight.", "absent"),
    ("audience", "affected_people", "Our thoughts are with the victims and their families, and we apologise.", "coded"),
    ("audience", "affected_people", "We apologise to everyone who was affected by the outage.", "coded"),
    ("audience", "affected_people", "We are reaching out to those impacted and will compensate them.", "coded"),
    ("audience", "affected_people", "The victim of the prank was a journalist.", "absent"),
    # --- blame_shift (CODEBOOK §3) ---
    ("blame_shift", "external_attacker", "Our account was compromised by hackers last night.", "coded"),
    ("blame_shift", "external_attacker", "The Twitter account of the Ministry was hacked this morning.", "coded"),
    ("blame_shift", "external_attacker", "We were the victim of a cyberattack.", "coded"),
    ("blame_shift", "external_attacker", "Unauthorized individuals gained access to our systems.", "coded"),
    ("blame_shift", "external_attacker", "We are working to protect our users from hackers.", "absent"),
    ("blame_shift", "external_attacker", "We invest heavily to protect our customers against hacking.", "absent"),
    ("blame_shift", "external_attacker", "The group claimed responsibility for the attack on the embassy.", "absent"),
    ("blame_shift", "external_attacker", "We were not hacked.", "negated"),
    ("blame_shift", "external_attacker", "Our account was never compromised.", "negated"),
    ('blame_shift', 'external_attacker', 'This morning someone gained access to the handle and posted a reply.', 'coded'),
    ('blame_shift', 'external_attacker', 'Somebody got access to my phone and sent the message.', 'coded'),
    ('blame_shift', 'external_attacker', 'We detected a sophisticated attack on our network last week.', 'coded'),
    ('blame_shift', 'external_attacker', 'It was a social engineering attack targeting our staff.', 'coded'),
    ('blame_shift', 'external_attacker', 'Nobody gained access to the account.', 'negated'),
    ('blame_shift', 'external_attacker', 'I am deeply sorry to every person affected by this breach.', 'absent'),
    ('blame_shift', 'external_attacker', 'This was a breach of trust and I apologise.', 'absent'),
    ('blame_shift', 'external_attacker', 'Customers can obtain a refund at any branch.', 'absent'),
    ("blame_shift", "insider_individual", "The tweet was sent by a rogue employee.", "coded"),
    ("blame_shift", "insider_individual", "A former staffer who still had access to the account posted the message.", "coded"),
    ("blame_shift", "insider_individual", "The post was the work of a disgruntled employee acting alone.", "coded"),
    ('blame_shift', 'insider_individual', 'The posts were made without authorization by a former employee.', 'coded'),
    ("blame_shift", "insider_individual", "Our employees work hard every day to serve you.", "absent"),
    ("blame_shift", "insider_individual", "This was not the act of a rogue employee.", "negated"),
    ('blame_shift', 'insider_individual', 'His assistant inadvertently left his phone unlocked at the gym.', 'coded'),
    ('blame_shift', 'insider_individual', 'One of our employees posted the message without approval.', 'coded'),
    ('blame_shift', 'insider_individual', 'It appears that someone on the team inadvertently hit the like button.', 'coded'),
    ('blame_shift', 'insider_individual', 'One of our customers shared the video online.', 'absent'),
    ('blame_shift', 'insider_individual', 'We thank everyone on the team for their hard work.', 'absent'),
    ('blame_shift', 'insider_individual', 'It was not one of our employees who posted it.', 'negated'),
    ('blame_shift', 'external_attacker', 'We apologise to fans who received unauthorized tweets from our account.', 'absent'),
    ("blame_shift", "third_party", "The error was caused by a third-party vendor.", "coded"),
    ("blame_shift", "third_party", "Our contractor failed to apply the security update.", "coded"),
    ("blame_shift", "third_party", "The passenger ignored repeated instructions from the crew.", "coded"),
    ("blame_shift", "third_party", "We have contacted our vendor to restore the service.", "absent"),
    ("blame_shift", "third_party", "This was not the fault of our supplier.", "negated"),
    ("blame_shift", "circumstances", "A technical glitch caused the message to be published.", "coded"),
    ("blame_shift", "circumstances", "The delays were caused by severe weather.", "coded"),
    ("blame_shift", "circumstances", "Due to a system error, some customers were charged twice.", "coded"),
    ("blame_shift", "circumstances", "Our technical team is working around the clock.", "absent"),
    ("blame_shift", "circumstances", "This was not a technical glitch.", "negated"),
    ("blame_shift", "accuser", "This is a smear campaign orchestrated by the media.", "coded"),
    ("blame_shift", "accuser", "The fake news media is once again distorting my words.", "coded"),
    ("blame_shift", "accuser", "These allegations are a politically motivated witch hunt.", "coded"),
    ("blame_shift", "accuser", "Our critics are spreading lies about this company.", "coded"),
    ("blame_shift", "accuser", "We thank the media for their coverage and apologise for the error.", "absent"),
    ("blame_shift", "accuser", "This is not a witch hunt.", "negated"),
    # --- remediation (CODEBOOK §4) ---
    ("remediation", "platform_notified", "We have been in touch with Twitter.", "coded"),
    ("remediation", "platform_notified", "Twitter has been informed.", "coded"),
    ("remediation", "platform_notified", "We reported the incident to Facebook.", "coded"),
    ("remediation", "platform_notified", "We are working with Instagram to restore access to the account.", "coded"),
    ("remediation", "platform_notified", "Twitter is a great platform.", "absent"),
    ("remediation", "platform_notified", "We posted an apology on Facebook.", "absent"),
    ("remediation", "platform_notified", "We have not contacted Twitter.", "negated"),
    ("remediation", "investigation", "An investigation is under way.", "coded"),
    ("remediation", "investigation", "We have launched an internal review.", "coded"),
    ("remediation", "investigation", "We are looking into how this happened.", "coded"),
    ("remediation", "investigation", "We look forward to your questions.", "absent"),
    ("remediation", "investigation", "No investigation has been opened.", "negated"),
    ('remediation', 'investigation', 'Our team will conduct our own detailed review of what happened.', 'coded'),
    ('remediation', 'investigation', 'We did not conduct any review of the data.', 'negated'),
    ("remediation", "access_secured", "We have changed the passwords.", "coded"),
    ("remediation", "access_secured", "The account has been secured.", "coded"),
    ("remediation", "access_secured", "We have revoked the former employee's access.", "coded"),
    ("remediation", "access_secured", "Two-factor authentication has now been enabled on all our accounts.", "coded"),
    ("remediation", "access_secured", "Access to the museum remains free for everyone.", "absent"),
    ("remediation", "access_secured", "The passwords have not been changed.", "negated"),
    ('remediation', 'access_secured', 'We have taken steps to limit access to internal systems and tools.', 'coded'),
    ('remediation', 'access_secured', 'We worked with administrators to suspend the account.', 'coded'),
    ('remediation', 'access_secured', 'Customers were locked out of their accounts for hours.', 'absent'),
    ('remediation', 'access_secured', 'The tweet posted on our account earlier has been removed.', 'absent'),
    ("remediation", "content_removed", "The tweet has been deleted.", "coded"),
    ("remediation", "content_removed", "We have removed the offensive post.", "coded"),
    ("remediation", "content_removed", "The video was taken down within minutes.", "coded"),
    ("remediation", "content_removed", "The message was taken out of context.", "absent"),
    ("remediation", "content_removed", "The tweet has not been deleted.", "negated"),
    ('remediation', 'content_removed', "The offensive tweet posted on the senator's account earlier has been removed by staff.", 'coded'),
    ('remediation', 'content_removed', 'As soon as we found out about it, we pulled it down.', 'coded'),
    ('remediation', 'content_removed', 'He took it down and apologised.', 'coded'),
    ('remediation', 'content_removed', 'The company removed its chief executive last year.', 'absent'),
    ("remediation", "personnel_action", "The employee has been suspended.", "coded"),
    ("remediation", "personnel_action", "The staff member responsible has been dismissed.", "coded"),
    ("remediation", "personnel_action", "We have terminated the contractor who posted the tweet.", "coded"),
    ("remediation", "personnel_action", "The intern is no longer with the company.", "coded"),
    ("remediation", "personnel_action", "Our employees have been informed about the incident.", "absent"),
    ("remediation", "personnel_action", "No employee has been fired.", "negated"),
    ("remediation", "compensation", "We will refund all affected passengers.", "coded"),
    ("remediation", "compensation", "Affected customers will be offered free credit monitoring.", "coded"),
    ("remediation", "compensation", "We are compensating everyone whose flight was cancelled.", "coded"),
    ("remediation", "compensation", "Your credit card details were not affected.", "absent"),
    ("remediation", "compensation", "Credit goes to our staff for their quick response.", "absent"),
    ("remediation", "compensation", "We will not compensate anyone.", "negated"),
    ("remediation", "policy_change", "We are reviewing our policies.", "coded"),
    ("remediation", "policy_change", "We have introduced new procedures for social media posting.", "coded"),
    ("remediation", "policy_change", "All staff will receive additional training.", "coded"),
    ('remediation', 'policy_change', 'We have taken steps to ensure this does not happen again.', 'coded'),
    ('remediation', 'policy_change', 'We have put measures in place to prevent a recurrence.', 'coded'),
    ("remediation", "policy_change", "This post violated our policies.", "absent"),
    ('remediation', 'policy_change', 'We are re-evaluating our internal processes for approving content.', 'coded'),
    ('remediation', 'policy_change', 'We will look into our internal routines to avoid such situations in the future.', 'coded'),
    ('remediation', 'policy_change', 'We could not avoid the delays this morning.', 'absent'),
    ("remediation", "policy_change", "Our policy is to respond to every complaint.", "absent"),
    ('remediation', 'policy_change', 'We have not taken any steps to ensure this never happens again.', 'negated'),
    ("remediation", "policy_change", "We will not change our procedures.", "negated"),
    ("remediation", "authorities_notified", "We have contacted the police.", "coded"),
    ("remediation", "authorities_notified", "A complaint has been filed with the prosecutor.", "coded"),
    ("remediation", "authorities_notified", "We have reported the matter to the FBI.", "coded"),
    ("remediation", "authorities_notified", "We are in contact with law enforcement.", "coded"),
    # CODEBOOK §4: general cooperation with no contact, complaint or report named is not remediation.
    ("remediation", "authorities_notified", "We are cooperating fully with law enforcement.", "absent"),
    ("remediation", "authorities_notified", "We will continue to work with the authorities on this matter.", "absent"),
    ("remediation", "investigation", "We have retained counsel to explore possible civil or criminal actions.", "absent"),
    ('remediation', 'authorities_notified', 'The matter is now in the hands of the police.', 'coded'),
    ('remediation', 'authorities_notified', 'Some media outlets have falsely reported that we contacted the police.', 'negated'),
    ("remediation", "authorities_notified", "The police arrived at the scene shortly after.", "absent"),
    ("remediation", "authorities_notified", "We have not contacted the police.", "negated"),
    # --- strategy (CODEBOOK §5) ---
    ("strategy", "denial", "We categorically deny these allegations.", "coded"),
    ("strategy", "denial", "The screenshot circulating online is fake.", "coded"),
    ("strategy", "denial", "We never posted this message.", "coded"),
    ('strategy', 'denial', 'The tweets sent from this account overnight were not sent by us.', 'coded'),
    ('strategy', 'denial', 'Some media outlets have falsely reported that we fired the employee.', 'coded'),
    ("strategy", "denial", "The company has responded to the allegations.", "absent"),
    ("strategy", "denial", "We do not deny that mistakes were made.", "negated"),
    ("strategy", "blame_shift", "Our account was hacked.", "coded"),
    ("strategy", "blame_shift", "A rogue employee posted the tweet.", "coded"),
    ("strategy", "blame_shift", "We take full responsibility for this post.", "absent"),
    ("strategy", "blame_shift", "We were not hacked.", "negated"),
    ("strategy", "excuse_accident", "The tweet was sent by mistake.", "coded"),
    ("strategy", "excuse_accident", "This was an honest mistake.", "coded"),
    ("strategy", "excuse_accident", "A staff member accidentally posted the message from the wrong account.", "coded"),
    ("strategy", "excuse_accident", "The employee did not act intentionally.", "coded"),
    ("strategy", "excuse_accident", "The employee deliberately posted the message.", "absent"),
    ('strategy', 'excuse_accident', 'We sincerely regret any confusion this may have caused.', 'absent'),
    ("strategy", "excuse_accident", "This was not an accident.", "negated"),
    ("strategy", "minimization", "The account was compromised for only a few minutes.", "coded"),
    ("strategy", "minimization", "A small number of customers were affected.", "coded"),
    ("strategy", "minimization", "The website was briefly unavailable.", "coded"),
    ("strategy", "minimization", "This was an isolated incident.", "coded"),
    ("strategy", "minimization", "No sensitive data was accessed during the incident.", "coded"),
    ("strategy", "minimization", "We will always support small businesses, and we apologise.", "absent"),
    ("strategy", "minimization", "Limited edition products remain available in our stores.", "absent"),
    ("strategy", "minimization", "The impact was not limited to a few customers.", "negated"),
    ("strategy", "apology", "We apologise for any offence caused.", "coded"),
    ("strategy", "apology", "We are deeply sorry.", "coded"),
    ("strategy", "apology", "Please accept our sincere apologies.", "coded"),
    ("strategy", "apology", "I regret the tweet.", "coded"),
    ("strategy", "apology", "The governor has granted a pardon to the prisoner.", "absent"),
    ("strategy", "apology", "The bill provides student loan forgiveness.", "absent"),
    ("strategy", "apology", "We will not apologise for our values.", "negated"),
    ("strategy", "bolstering", "For over 50 years, we have served our community with integrity, and we apologise.", "coded"),
    ("strategy", "bolstering", "We have always been committed to diversity and inclusion.", "coded"),
    ("strategy", "bolstering", "This tweet does not reflect our values.", "coded"),
    ("strategy", "bolstering", "We remain committed to protecting our customers' privacy.", "coded"),
    ("strategy", "bolstering", "Our records show the tweet was posted at 3 a.m., and we apologise.", "absent"),
    ('strategy', 'bolstering', 'To our valued customers: we apologise for the disruption.', 'absent'),
    ("strategy", "attack_accuser", "These are lies spread by our political opponents.", "coded"),
    ("strategy", "attack_accuser", "This defamatory article is full of falsehoods.", "coded"),
    ("strategy", "attack_accuser", "This is a smear campaign by the media.", "coded"),
    ("strategy", "attack_accuser", "The problem lies in our procedures, and we apologise.", "absent"),
    ("strategy", "attack_accuser", "This was not a smear campaign.", "negated"),
    ("strategy", "corrective_action", "The tweet has been deleted.", "coded"),
    ("strategy", "corrective_action", "We have contacted the police.", "coded"),
    ("strategy", "corrective_action", "We will do better and learn from this.", "absent"),
    ("strategy", "corrective_action", "We have not contacted the police.", "negated"),
    ("strategy", "admission", "We take full responsibility for this error.", "coded"),
    ("strategy", "admission", "I posted the tweet myself.", "coded"),
    ("strategy", "admission", "Contrary to what we said earlier, our account was not hacked.", "coded"),
    ("strategy", "admission", "The responsibility is ours alone.", "coded"),
    ("strategy", "admission", "The group claimed responsibility for the attack.", "absent"),
    ("strategy", "admission", "We do not accept responsibility for this incident.", "absent"),
    ("strategy", "admission", "We will post updates here as soon as we have them.", "absent"),
]


@pytest.mark.parametrize("dimension,label,text,expected", CASES)
def test_dimension_en_label(tag, dimension, label, text, expected):
    check_label(tag("en", text), dimension, label, expected)


# Claims (CODEBOOK §6): (dimension, label, text, expected) with expected ``"asserted"`` (an
# asserted span of that label), ``"absent"`` (no span of that label) or ``"negated"`` (a negated
# span of that label and no asserted one).
CLAIMS = [
    ("cause", "external_attack", "Hackers took control of our Twitter account.", "asserted"),
    ("cause", "external_attack", "Our website was the target of a cyberattack.", "asserted"),
    ("cause", "external_attack", "Unauthorized access to the account was detected on Monday.", "asserted"),
    ("cause", "external_attack", "We have strengthened our protection against hackers.", "absent"),
    ("cause", "external_attack", "Our account was not hacked.", "negated"),
    ("cause", "external_attack", "Neither hackers nor pirates were involved.", "negated"),
    ("cause", "insider_error", "The tweet was posted by mistake.", "asserted"),
    ("cause", "insider_error", "This was a human error.", "asserted"),
    ("cause", "insider_error", "A staff member posted from the wrong account.", "asserted"),
    ("cause", "insider_error", "Visitors saw an error page for about an hour.", "absent"),
    ("cause", "insider_error", "This was not a mistake.", "negated"),
    ("cause", "insider_intent", "The employee deliberately posted the offensive message.", "asserted"),
    ("cause", "insider_intent", "A staff member acted alone.", "asserted"),
    ("cause", "insider_intent", "It was a malicious act by a former employee.", "asserted"),
    ("cause", "insider_intent", "He acted quickly to delete the post.", "absent"),
    ("cause", "insider_intent", "The employee did not act intentionally.", "negated"),
    ("cause", "third_party_fault", "The error was caused by a third-party vendor.", "asserted"),
    ("cause", "third_party_fault", "Our supplier failed to apply the security update.", "asserted"),
    ("cause", "third_party_fault", "The passenger ignored the crew's instructions.", "asserted"),
    ("cause", "third_party_fault", "We have contacted our vendor.", "absent"),
    ("cause", "third_party_fault", "This was not the fault of our supplier.", "negated"),
    ("cause", "circumstances", "A technical glitch caused the message to be published.", "asserted"),
    ("cause", "circumstances", "The outage was due to a software bug.", "asserted"),
    ("cause", "circumstances", "Severe weather caused the delays.", "asserted"),
    ("cause", "circumstances", "Our technical team is working around the clock.", "absent"),
    ("cause", "circumstances", "This was not a technical glitch.", "negated"),
    ("cause", "organizational_fault", "Our internal procedures failed.", "asserted"),
    ("cause", "organizational_fault", "The company's safeguards were inadequate.", "asserted"),
    ("cause", "organizational_fault", "Management was aware of the problem for months.", "asserted"),
    ("cause", "organizational_fault", "There were failures in our oversight.", "asserted"),
    ("cause", "organizational_fault", "Senior management was informed of the breach immediately.", "absent"),
    ("cause", "organizational_fault", "Management was not aware of the problem.", "negated"),
    ("event", "act_committed", "I posted the tweet myself.", "asserted"),
    ("event", "act_committed", "We published the message without checking it.", "asserted"),
    ("event", "act_committed", "It was me who wrote the tweet.", "asserted"),
    ("event", "act_committed", "The hackers posted offensive messages on our account.", "absent"),
    ("event", "act_committed", "We will post updates here as soon as we have them.", "absent"),
    ("event", "act_committed", "We share your concerns about online safety.", "absent"),
    ("event", "act_committed", "We never posted this message.", "negated"),
    ("event", "act_committed", "I did not write that tweet.", "negated"),
    ('event', 'act_committed', 'The tweets sent from this account overnight were not sent by us.', 'negated'),
    ("responsibility", "responsibility_accepted", "We take full responsibility.", "asserted"),
    ("responsibility", "responsibility_accepted", "The responsibility is ours.", "asserted"),
    ("responsibility", "responsibility_accepted", "I was wrong.", "asserted"),
    ("responsibility", "responsibility_accepted", "It was our fault.", "asserted"),
    ("responsibility", "responsibility_accepted", "The group claimed responsibility for the attack.", "absent"),
    ("responsibility", "responsibility_accepted", "We take the security of our customers seriously.", "absent"),
    ("responsibility", "responsibility_accepted", "We do not accept responsibility for this incident.", "negated"),
    ("responsibility", "responsibility_accepted", "This is not our fault.", "negated"),
    # --- finding (CODEBOOK §6: what courts, inquiries, reporters and insiders establish) ---
    ("finding", "guilt_established", "The jury found the former minister guilty of perverting the course of justice.", "asserted"),
    ("finding", "guilt_established", "He pleaded guilty to the charge on Monday.", "asserted"),
    ("finding", "guilt_established", "The mayor was convicted of fraud and sentenced to four years in prison.", "asserted"),
    ("finding", "guilt_established", "The congressman finally confessed to having sent the photographs.", "asserted"),
    ("finding", "guilt_established", "In deliberately misleading the House he committed a serious contempt.", "asserted"),
    ("finding", "guilt_established", "The court found that the company had complied with the rules.", "absent"),
    ("finding", "guilt_established", "The senator condemned the attack on the embassy.", "absent"),
    ("finding", "guilt_established", "He was admitted to hospital on Monday.", "absent"),
    ("finding", "guilt_established", "The jury did not find him guilty.", "negated"),
    ("finding", "cleared", "The singer has been cleared of all allegations.", "asserted"),
    ("finding", "cleared", "The former minister was acquitted by the appeal court.", "asserted"),
    ("finding", "cleared", "The jury found him not guilty.", "asserted"),
    ("finding", "cleared", "The case was dropped for lack of evidence.", "absent"),
    ("finding", "cleared", "The staff cleared the tables after lunch.", "absent"),
    ("finding", "cleared", "He has not been cleared of the allegations.", "negated"),
    ("finding", "account_false", "The judge said he had lied again and again to the police.", "asserted"),
    ("finding", "account_false", "The committee concluded that she had knowingly misled Parliament.", "asserted"),
    ("finding", "account_false", "Contrary to the company's statement, the data was never encrypted.", "asserted"),
    ("finding", "account_false", "The company's statement was published on Monday.", "absent"),
    ("finding", "account_false", "There is a lie detector in the lobby.", "absent"),
    ("finding", "account_false", "There is no evidence that he lied.", "negated"),
    # --- event: a denial in general terms is an asserted `allegations_false` ---
    ("event", "allegations_false", "I am innocent of these charges.", "asserted"),
    ("event", "allegations_false", "The allegations are completely false.", "asserted"),
    ("event", "allegations_false", "We categorically deny these allegations.", "asserted"),
    ("event", "allegations_false", "We do not deny the allegations.", "absent"),
    ("event", "allegations_false", "The allegations are not false.", "absent"),
    ("event", "allegations_false", "The allegations were reported by a newspaper.", "absent"),
    ("event", "allegations_false", "It is not true that the allegations are false.", "negated"),
    # --- remediation as evidence: an announced action said never to have happened ---
    ("remediation", "investigation", "The investigation announced by the ministry was never opened.", "negated"),
    ("remediation", "investigation", "No investigation was ever opened.", "negated"),
    ("remediation", "investigation", "An investigation was opened on Monday.", "asserted"),
    ("remediation", "investigation", "The inquiry the company promised has not even started.", "negated"),
    ("finding", "content_fake", "The fake screenshot was shared thousands of times.", "asserted"),
    ("finding", "content_fake", "The tweet was the work of a prankster.", "asserted"),
    ("finding", "content_fake", "The screenshot was shared thousands of times.", "absent"),
    ("finding", "content_fake", "He called the report fake news.", "absent"),
    ("finding", "content_fake", "It was not a fake tweet.", "negated"),
    ("cause", "organizational_fault", "The company failed to patch a known vulnerability for months.", "asserted"),
    ("cause", "organizational_fault", "The attackers failed to access the payment systems.", "absent"),
    ("cause", "organizational_fault", "The bank never failed to protect its clients.", "negated"),
]


@pytest.mark.parametrize("dimension,label,text,expected", CLAIMS)
def test_dimension_en_claim(tag, dimension, label, text, expected):
    check_claim(tag("en", text), dimension, label, expected)


# Remediation status (CODEBOOK §4): (text, label, status).
STATUS = [
    ("We have changed the passwords.", "access_secured", "done"),
    ("The employee has been suspended.", "personnel_action", "done"),
    ("The tweet was deleted shortly after it was posted.", "content_removed", "done"),
    ("Twitter has been informed.", "platform_notified", "done"),
    ("We contacted the police immediately.", "authorities_notified", "done"),
    ("We revoked the former employee's access.", "access_secured", "done"),
    ("We are working with Twitter.", "platform_notified", "ongoing"),
    ("An investigation is under way.", "investigation", "ongoing"),
    ("We are reviewing our policies.", "policy_change", "ongoing"),
    ("We are currently looking into the matter.", "investigation", "ongoing"),
    ("We are in contact with the police.", "authorities_notified", "ongoing"),
    ("We continue to liaise with law enforcement.", "authorities_notified", "ongoing"),
    ("We will refund all affected passengers.", "compensation", "promised"),
    ("We are going to review our procedures.", "policy_change", "promised"),
    ("All staff will receive additional training.", "policy_change", "promised"),
    ("We plan to introduce new safeguards.", "policy_change", "promised"),
    ("We have commissioned an independent review and will publish its findings.", "investigation", "done"),
    ("The offending content will be removed.", "content_removed", "promised"),
]


@pytest.mark.parametrize("text,label,status", STATUS)
def test_dimension_en_remediation_status(tag, text, label, status):
    doc = tag("en", text)
    found = [(s.text, s.label_, s._.status, s.id_) for s in doc.spans["remediation"]]
    assert label in doc._.codes["remediation"], found
    assert {s._.status for s in doc.spans["remediation"] if s.label_ == label and not s._.negated} == {status}, found


REPORTED = [
    "The account was hacked, officials said.",
    "According to the ministry, the account was hacked by unknown individuals.",
    "The company blamed a rogue employee for the tweet.",
    "A spokesman told reporters that the account had been compromised by hackers.",
]


@pytest.mark.parametrize("text", REPORTED)
def test_dimension_en_reported_speech_is_not_coded(tag, text):
    doc = tag("en", text, role="journalist")
    assert doc._.corrective == 0
    assert doc._.codes["blame_shift"] == []
    shifted = list(doc.spans["blame_shift"])
    assert shifted, "the reported blame shift is still tagged, as evidence"
    assert all(s._.reported_by for s in shifted), [(s.text, s._.reported_by) for s in shifted]


def test_dimension_en_reporting_an_incident_is_not_reported_speech(tag):
    doc = tag("en", "We have reported the incident to Twitter and to the police.")
    notified = [s for s in doc.spans["remediation"] if s.label_ in ("platform_notified", "authorities_notified")]
    assert {s.label_ for s in notified} == {"platform_notified", "authorities_notified"}
    assert all(s._.reported_by is None for s in notified), [(s.text, s._.reported_by) for s in notified]


def test_dimension_en_reported_speech_according_to_names_the_source(tag):
    doc = tag("en", "According to the ministry, the account was hacked by unknown individuals.", role="journalist")
    assert {s._.reported_by for s in doc.spans["cause"] if s.label_ == "external_attack"} == {"the ministry"}


def test_dimension_en_announced_participle_is_not_reported_speech(tag):
    doc = tag("en", "The investigation announced by the ministry was never opened.", role="journalist")
    spans = [s for s in doc.spans["remediation"] if s.label_ == "investigation"]
    assert spans and all(s._.reported_by is None for s in spans), [(s.text, s._.reported_by) for s in spans]
    doc = tag("en", "The ministry announced that an investigation had been opened.", role="journalist")
    assert {s._.reported_by for s in doc.spans["remediation"] if s.label_ == "investigation"} == {"The ministry"}
